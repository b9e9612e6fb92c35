/* The README's reference tables are the output of `crisim keys --markdown`
 * (generated from the schema table and the X-macro lists), so documentation
 * cannot drift from the code: a new key, column or outcome fails here until
 * the README is regenerated. */
#include <criterion/criterion.h>

#include "helpers.h"

static void assert_table_in_readme(const char *table)
{
	static char out[65536];
	char cmd[512];
	snprintf(cmd, sizeof cmd, "%s keys %s --markdown", crisim_bin(), table);
	cr_assert_eq(run_cmd(cmd, out, sizeof out, NULL, 0), 0, "%s", cmd);
	cr_assert_gt(strlen(out), 100);
	char *readme = slurp("README.md");
	cr_assert_not_null(readme);
	cr_assert(strstr(readme, out), "README.md does not hold the current output "
	          "of `crisim keys %s --markdown`: regenerate that table", table);
	free(readme);
}

Test(docs, readme_holds_the_scenario_key_table)
{
	assert_table_in_readme("scenario");
}

Test(docs, readme_holds_the_series_column_table)
{
	assert_table_in_readme("series");
}

Test(docs, readme_holds_the_summary_field_table)
{
	assert_table_in_readme("summary");
}

Test(docs, readme_first_screen_gives_the_two_commands)
{
	char *readme = slurp("README.md");
	cr_assert_not_null(readme);
	char *cut = readme;
	for (int lines = 0; *cut && lines < 40; cut++)
		lines += *cut == '\n';
	*cut = '\0';
	cr_assert(strstr(readme, "make demo"));
	cr_assert(strstr(readme, "make test"));
	free(readme);
}
