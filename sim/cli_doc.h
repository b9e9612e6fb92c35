/* cli_doc — the man page and the bash completion, written from the same
 * option tables as --help (cli.h), so that neither can drift from the
 * parser.  scripts/gendoc.c calls these to make ./crisim.1 and
 * ./crisim.bash-completion at build time.
 */
#ifndef CRISIM_CLI_DOC_H
#define CRISIM_CLI_DOC_H

#include <stdio.h>

/* crisim(1) in roff with the man macros; version goes into the footer. */
void cli_doc_man(FILE *f, const char *version);

/* A bash completion script: sub-commands, each command's options, the
 * words of an option or operand, scenario keys after --set and --grid
 * (asked of the crisim being completed: `crisim keys`), files and
 * directories for FILE and DIR. */
void cli_doc_bash(FILE *f);

#endif
