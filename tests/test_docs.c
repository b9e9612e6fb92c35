/* The README's reference tables must name every scenario key, series column
 * and summary field the code knows: documentation that matches the code. */
#include <criterion/criterion.h>

#include "helpers.h"
#include "scenario.h"
#include "series.h"

static void assert_named(const char *doc, const char *name, const char *what)
{
	char quoted[256];
	snprintf(quoted, sizeof quoted, "`%s`", name);
	cr_assert(strstr(doc, quoted), "README.md does not document %s %s", what, quoted);
}

Test(docs, readme_lists_every_key_column_and_field)
{
	char *readme = slurp("README.md");
	cr_assert_not_null(readme);
	for (size_t i = 0; i < scenario_key_count(); i++) {
		const char *path, *type, *values, *doc;
		cr_assert_eq(scenario_key_info(i, &path, &type, &values, &doc), 0);
		assert_named(readme, path, "scenario key");
		cr_assert(doc && *doc, "key %s has no doc string", path);
	}
	for (int c = 0; c < SERIES_NCOL; c++)
		assert_named(readme, series_col_name[c], "series column");
	for (int k = 0; k < SUMMARY_NFIELD; k++)
		assert_named(readme, summary_field_name[k], "summary field");
	free(readme);
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
