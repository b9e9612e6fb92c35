/* cli_doc — every text made from the option tables (cli.h): --help
 * (cli_help, declared in cli.h), the man page and the bash completion, so
 * that none can drift from the parser.  scripts/gendoc.c calls the two
 * below to make ./crisim.1 and ./crisim.bash-completion at build time.
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
