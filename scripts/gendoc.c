/* gendoc — writes crisim's man page or bash completion to stdout from the
 * option tables (sim/cli_table.c), the same tables --help prints.  Linked
 * with the tables alone, so the documents cannot depend on anything else.
 *
 *   gendoc man  > crisim.1
 *   gendoc bash > crisim.bash-completion
 */
#include <stdio.h>
#include <string.h>

#include "cli_doc.h"

int main(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "man") == 0)
		cli_doc_man(stdout, CRISIM_VERSION);
	else if (argc == 2 && strcmp(argv[1], "bash") == 0)
		cli_doc_bash(stdout);
	else {
		fputs("usage: gendoc man|bash\n", stderr);
		return 2;
	}
	return fflush(stdout) || ferror(stdout) ? 1 : 0;
}
