#include "cli_doc.h"

#include <stdbool.h>
#include <string.h>

#include "cli.h"

/* ---- --help (declared in cli.h: main prints it) ---- */

#define HELP_WIDTH 79
#define HELP_COL 23  /* where option help starts */
#define CMD_COL 18   /* where a command's summary starts in the overview */

/* Length of the word at p: up to a space or newline, but with groups
 * kept whole (a space inside [...] does not break a synopsis). */
static size_t word_len(const char *p, bool groups)
{
	int depth = 0;
	size_t w = 0;
	for (; p[w] && p[w] != '\n' && (p[w] != ' ' || depth > 0); w++)
		if (groups)
			depth += p[w] == '[' ? 1 : p[w] == ']' ? -1 : 0;
	return w;
}

/* Print text from column col, breaking lines at spaces before HELP_WIDTH
 * and continuing them at column indent; "\n\n" starts a new paragraph
 * (an empty line).  Ends with a newline.  With groups, [...] is not
 * broken. */
static void wrap_text(FILE *f, const char *text, size_t col, size_t indent,
                      bool groups)
{
	bool line_start = true;
	const char *p = text;
	while (*p) {
		if (p[0] == '\n') {
			fputc('\n', f);
			if (p[1] == '\n')
				fputc('\n', f), p++;
			p++;
			fprintf(f, "%*s", (int)indent, "");
			col = indent;
			line_start = true;
			continue;
		}
		if (*p == ' ') {
			p++;
			continue;
		}
		size_t w = word_len(p, groups);
		if (!line_start && col + 1 + w > HELP_WIDTH) {
			fprintf(f, "\n%*s", (int)indent, "");
			col = indent;
			line_start = true;
		}
		if (!line_start) {
			fputc(' ', f);
			col++;
		}
		fwrite(p, 1, w, f);
		col += w;
		p += w;
		line_start = false;
	}
	fputc('\n', f);
}

static void wrap(FILE *f, const char *text, size_t col, size_t indent)
{
	wrap_text(f, text, col, indent, false);
}

static void help_options(FILE *f, const struct cli_command *c)
{
	for (size_t i = 0; i < c->n_opts; i++) {
		const struct cli_option *o = &c->opts[i];
		char label[64];
		const char *v = o->value ? o->value : "";
		int n = o->letter ?
			snprintf(label, sizeof label, "  -%c, --%s%s%s", o->letter, o->name,
			         *v ? " " : "", v) :
			snprintf(label, sizeof label, "  --%s%s%s", o->name, *v ? " " : "", v);
		/* Two spaces at least between the option and its help. */
		if (n + 2 > HELP_COL)
			fprintf(f, "%s\n%*s", label, HELP_COL, "");
		else
			fprintf(f, "%-*s", HELP_COL, label);
		wrap(f, o->help, HELP_COL, HELP_COL);
	}
}

static void help_usage(FILE *f, const struct cli_command *c)
{
	for (size_t i = 0; c->usage[i]; i++) {
		fputs(i ? "       crisim " : "usage: crisim ", f);
		/* continuation lines under the command's first argument */
		size_t col = strlen("usage: crisim ");
		wrap_text(f, c->usage[i], col, col + strlen(c->name) + 1, true);
	}
}

static void help_overview(FILE *f, const struct cli_command *c)
{
	help_usage(f, c);
	fputc('\n', f);
	wrap(f, c->about, 0, 0);
	fputs("\ncommands:\n", f);
	for (int k = 1; k < CMD_COUNT; k++) {
		const struct cli_command *s = cli_command((enum cmd)k);
		char label[64];
		snprintf(label, sizeof label, "  %s %s%s%s", s->name,
		         s->operand_optional ? "[" : "", s->operand,
		         s->operand_optional ? "]" : "");
		fprintf(f, "%-*s", CMD_COL, label);
		wrap(f, s->summary, CMD_COL, CMD_COL);
	}
	fputs("\noptions:\n", f);
	help_options(f, c);
	fputs("\nexit status:\n", f);
	for (size_t i = 0; i < cli_n_exits; i++) {
		fprintf(f, "  %-5d", cli_exits[i].code);
		wrap(f, cli_exits[i].meaning, 7, 7);
	}
}

void cli_help(FILE *f, enum cmd cmd)
{
	const struct cli_command *c = cli_command(cmd);
	if (cmd == CMD_NONE) {
		help_overview(f, c);
		return;
	}
	help_usage(f, c);
	fputc('\n', f);
	wrap(f, c->about, 0, 0);
	fputc('\n', f);
	help_options(f, c);
	if (c->notes) {
		fputc('\n', f);
		wrap(f, c->notes, 0, 0);
	}
}

/* ---- man page ---- */

/* Text into roff: backslashes and minus signs escaped (a plain '-' is a
 * hyphen, which options must not be), "\n\n" a new paragraph, and no line
 * starting with a control character. */
static void roff(FILE *f, const char *s)
{
	bool bol = true;
	for (; *s; s++) {
		if (bol && (*s == '.' || *s == '\''))
			fputs("\\&", f);
		bol = false;
		if (s[0] == '\n' && s[1] == '\n') {
			fputs("\n.PP\n", f);
			s++;
			bol = true;
		} else if (*s == '\\') {
			fputs("\\e", f);
		} else if (*s == '-') {
			fputs("\\-", f);
		} else {
			fputc(*s, f);
		}
	}
}

/* A synopsis line: as roff, with the spaces inside [...] unbreakable so a
 * line breaks only between the groups; in a .SY block (hanging indent). */
static void roff_usage(FILE *f, const char *usage)
{
	const char *sp = strchr(usage, ' ');
	size_t w = sp ? (size_t)(sp - usage) : strlen(usage);
	fprintf(f, ".SY \\fBcrisim\\ %.*s\\fR\n", (int)w, usage);
	int depth = 0;
	char one[2] = { 0, 0 };
	for (const char *p = usage + w + (sp != NULL); *p; p++) {
		depth += *p == '[' ? 1 : *p == ']' ? -1 : 0;
		if (*p == ' ' && depth > 0) {
			fputs("\\ ", f);
			continue;
		}
		one[0] = *p;
		roff(f, one);
	}
	fputs("\n.YS\n", f);
}

static void man_option(FILE *f, const struct cli_option *o)
{
	fputs(".TP\n", f);
	if (o->letter)
		fprintf(f, "\\fB\\-%c\\fR, ", o->letter);
	fputs("\\fB\\-\\-", f);
	roff(f, o->name);
	fputs("\\fR", f);
	if (o->value) {
		fputs(" \\fI", f);
		roff(f, o->value);
		fputs("\\fR", f);
	}
	fputc('\n', f);
	roff(f, o->help);
	fputc('\n', f);
}

/* Sections the tables do not hold: what is around the options. */
static const char *const environment[][2] = {
	{ "CRISIM_SCRIPTS", "The directory of the gnuplot scripts for crisim plot. "
	  "Without it they are looked up in scripts/ beside the binary, then in "
	  "../share/crisim/scripts, then in ../../scripts." },
	{ "CRISIM_MAX_INPUT", "The largest input file, in bytes, that crisim "
	  "reads (default 64 MiB): a larger file, or an endless one such as "
	  "/dev/zero, is an error." },
	{ "OMP_NUM_THREADS", "Threads for building a generated network (the "
	  "graph is the same for any count).  Ensembles, comparisons and sweeps "
	  "use --threads instead (default: all cores)." },
};

static const char *const files[][2] = {
	{ "DIR/series.tsv, DIR/events.tsv, DIR/summary.json, DIR/manifest.json",
	  "What a run writes: one row of metrics per tick, what happened when, "
	  "the outcomes, and the fully resolved scenario with seed, version and "
	  "command line.  Every file is written under a temporary name and "
	  "renamed when complete." },
	{ "DIR/runs.tsv, DIR/ensemble.tsv, DIR/compare.tsv, DIR/sweep.tsv",
	  "What ensembles, comparisons and sweeps add; DIR/checkpoint/ holds "
	  "the finished runs of an unfinished batch, for --resume." },
	{ "out/NAME", "The output directory when neither -o nor the scenario's "
	  "output.dir gives one." },
	{ "PREFIX/share/crisim/scenarios, PREFIX/share/crisim/scripts",
	  "The installed scenario library and gnuplot scripts." },
	{ "PREFIX/share/doc/crisim", "README.md (the whole manual: the model, "
	  "scenario keys, output columns, validation), README.models.md (the "
	  "equations with their sources) and LICENSE." },
};

static const char *const examples[][2] = {
	{ "crisim run scenarios/default.json -o out/demo\ncrisim plot out/demo",
	  "One run and its plots." },
	{ "crisim validate scenarios/default.json --set network.nodes=5000",
	  "The scenario with every default filled in, after an override." },
	{ "crisim run scenarios/default.json --runs 200 --threads 4 -o out/ens",
	  "An ensemble of 200 runs." },
	{ "crisim compare scenarios/misconduct.json --strategies adhoc,plan \\\n"
	  "    --runs 100 -o out/cmp",
	  "Two responder strategies on common random numbers." },
	{ "crisim sweep scenarios/default.json --grid spread.p=0.05,0.1,0.2 \\\n"
	  "    --runs 50 -o out/sw",
	  "A one-axis parameter sweep." },
	{ "crisim graph scenarios/data/facebook_combined.txt",
	  "Statistics of an edge list." },
	{ "crisim keys scenario --markdown", "The scenario keys as a Markdown table." },
};

#define N(a) (sizeof a / sizeof *a)

static void man_pairs(FILE *f, const char *const (*rows)[2], size_t n, bool bold)
{
	for (size_t i = 0; i < n; i++) {
		fprintf(f, ".TP\n%s", bold ? "\\fB" : "");
		roff(f, rows[i][0]);
		fprintf(f, "%s\n", bold ? "\\fR" : "");
		roff(f, rows[i][1]);
		fputc('\n', f);
	}
}

static void man_command(FILE *f, const struct cli_command *c)
{
	fprintf(f, ".SS \"crisim %s\"\n", c->name);
	for (size_t i = 0; c->usage[i]; i++)
		roff_usage(f, c->usage[i]);
	fputs(".PP\n", f);
	roff(f, c->about);
	fputc('\n', f);
	for (size_t i = 0; i < c->n_opts; i++)
		man_option(f, &c->opts[i]);
	if (c->notes) {
		fputs(".PP\n", f);
		roff(f, c->notes);
		fputc('\n', f);
	}
}

void cli_doc_man(FILE *f, const char *version)
{
	const struct cli_command *top = cli_command(CMD_NONE);
	/* HY 0: no hyphenation, which would split option and file names. */
	fputs(".\\\" crisim.1: generated by scripts/gendoc from the option tables of\n"
	      ".\\\" sim/cli_table.c (the tables --help prints); do not edit.\n", f);
	fputs(".nr HY 0\n", f);
	fprintf(f, ".TH CRISIM 1 \"\" \"crisim %s\" \"User Commands\"\n", version);
	fputs(".ad l\n.SH NAME\ncrisim \\- ", f);
	roff(f, top->summary);
	fputs("\n.SH SYNOPSIS\n", f);
	for (int k = 1; k < CMD_COUNT; k++) {
		const struct cli_command *c = cli_command((enum cmd)k);
		for (size_t i = 0; c->usage[i]; i++)
			roff_usage(f, c->usage[i]);
	}
	fputs(".SY crisim\n\\fB\\-h\\fR|\\fB\\-V\\fR\n.YS\n", f);
	fputs(".SH DESCRIPTION\n", f);
	roff(f, top->about);
	fputs("\n.PP\nThe same scenario, seed and run index give byte-identical "
	      "outputs on any number of threads.  Errors are one line on standard "
	      "error starting with \\(lqcrisim:\\(rq and naming the file, the JSON "
	      "path or line, what was expected and what was found.\n", f);
	fputs(".SH OPTIONS\nThese come before the command; each command has "
	      "its own options below.\n", f);
	for (size_t i = 0; i < top->n_opts; i++)
		man_option(f, &top->opts[i]);
	fputs(".SH COMMANDS\n", f);
	for (int k = 1; k < CMD_COUNT; k++)
		man_command(f, cli_command((enum cmd)k));
	fputs(".SH \"EXIT STATUS\"\n", f);
	for (size_t i = 0; i < cli_n_exits; i++) {
		fprintf(f, ".TP\n\\fB%d\\fR\n", cli_exits[i].code);
		roff(f, cli_exits[i].meaning);
		fputc('\n', f);
	}
	fputs(".SH ENVIRONMENT\n", f);
	man_pairs(f, environment, N(environment), true);
	fputs(".SH FILES\n", f);
	man_pairs(f, files, N(files), false);
	fputs(".SH EXAMPLES\n", f);
	for (size_t i = 0; i < N(examples); i++) {
		fputs(".PP\n", f);
		roff(f, examples[i][1]);
		fputs("\n.PP\n.RS\n.EX\n", f);
		roff(f, examples[i][0]);
		fputs("\n.EE\n.RE\n", f);
	}
	fputs(".SH \"SEE ALSO\"\n\\fBgnuplot\\fR(1); README.md and "
	      "README.models.md in PREFIX/share/doc/crisim.\n", f);
}

/* ---- bash completion ---- */

static const char *kind_word(enum cli_arg a)
{
	switch (a) {
	case ARG_FILE:  return "file";
	case ARG_DIR:   return "dir";
	case ARG_KEY:   return "key";
	case ARG_WORDS: return "words";
	case ARG_NONE:
	case ARG_TEXT:  break;
	}
	return "text";
}

/* The case arm of one command: its options, the kind of each option's
 * value, and the kind of its operand. */
static void bash_command(FILE *f, const struct cli_command *c)
{
	fprintf(f, "\t%s)\n\t\topts='", c->name);
	for (size_t i = 0; i < c->n_opts; i++)
		fprintf(f, "%s--%s", i ? " " : "", c->opts[i].name);
	for (size_t i = 0; i < c->n_opts; i++)
		if (c->opts[i].letter)
			fprintf(f, " -%c", c->opts[i].letter);
	fprintf(f, "'\n\t\tokind=%s owords='%s'\n\t\tkind=$okind words=$owords\n"
	        "\t\tcase $prev in\n",
	        kind_word(c->operand_arg), c->operand_words ? c->operand_words : "");
	for (size_t i = 0; i < c->n_opts; i++) {
		const struct cli_option *o = &c->opts[i];
		if (!o->value)
			continue;
		fprintf(f, "\t\t--%s", o->name);
		if (o->letter)
			fprintf(f, "|-%c", o->letter);
		fprintf(f, ") kind=%s words='%s' value=1 ;;\n", kind_word(o->arg),
		        o->words ? o->words : "");
	}
	fputs("\t\tesac ;;\n", f);
}

void cli_doc_bash(FILE *f)
{
	fputs("# bash completion for crisim(1).\n"
	      "# Generated by scripts/gendoc from the option tables of "
	      "sim/cli_table.c; do not edit.\n\n"
	      "# The scenario keys, asked of the crisim being completed ($1) and\n"
	      "# kept for the session.\n"
	      "_crisim_keys()\n{\n"
	      "\tif [[ ${_crisim_keys_of-} != \"$1\" ]]; then\n"
	      "\t\t_crisim_keys_list=$(command \"$1\" keys scenario 2>/dev/null | "
	      "tail -n +2 | cut -f1)\n"
	      "\t\t_crisim_keys_of=$1\n\tfi\n"
	      "\tprintf '%s\\n' \"$_crisim_keys_list\"\n}\n\n", f);
	fputs("_crisim()\n{\n"
	      "\tlocal cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]}\n"
	      "\tlocal opts= kind= words= okind= owords= value= i\n"
	      "\tCOMPREPLY=()\n"
	      "\tif ((COMP_CWORD == 1)); then\n"
	      "\t\tmapfile -t COMPREPLY < <(compgen -W '", f);
	for (int k = 1; k < CMD_COUNT; k++)
		fprintf(f, "%s ", cli_command((enum cmd)k)->name);
	const struct cli_command *top = cli_command(CMD_NONE);
	for (size_t i = 0; i < top->n_opts; i++)
		fprintf(f, "--%s -%c%s", top->opts[i].name, top->opts[i].letter,
		        i + 1 < top->n_opts ? " " : "");
	fputs("' -- \"$cur\")\n\t\treturn 0\n\tfi\n"
	      "\t# --opt=VALUE reaches us split at '=' (COMP_WORDBREAKS).\n"
	      "\tif [[ $cur == = ]]; then\n"
	      "\t\tcur=\n\t\t[[ $prev == -* ]] || return 0\n"
	      "\telif [[ $prev == = ]]; then\n"
	      "\t\tprev=${COMP_WORDS[COMP_CWORD-2]}\n\t\t[[ $prev == -* ]] || return 0\n"
	      "\tfi\n"
	      "\tcase ${COMP_WORDS[1]} in\n", f);
	for (int k = 1; k < CMD_COUNT; k++)
		bash_command(f, cli_command((enum cmd)k));
	fputs("\t*) return 0 ;;\n\tesac\n"
	      "\t# After --, every word is an operand.\n"
	      "\tfor ((i = 2; i < COMP_CWORD; i++)); do\n"
	      "\t\tif [[ ${COMP_WORDS[i]} == -- ]]; then\n"
	      "\t\t\topts= value= kind=$okind words=$owords\n"
	      "\t\t\tbreak\n\t\tfi\n\tdone\n"
	      "\tif [[ -z $value && -n $opts && $cur == -* ]]; then\n"
	      "\t\tmapfile -t COMPREPLY < <(compgen -W \"$opts\" -- \"$cur\")\n"
	      "\t\treturn 0\n\tfi\n"
	      "\tcase $kind in\n"
	      "\tfile) compopt -o filenames 2>/dev/null\n"
	      "\t\tmapfile -t COMPREPLY < <(compgen -f -- \"$cur\") ;;\n"
	      "\tdir) compopt -o filenames 2>/dev/null\n"
	      "\t\tmapfile -t COMPREPLY < <(compgen -d -- \"$cur\") ;;\n"
	      "\tkey) compopt -o nospace 2>/dev/null\n"
	      "\t\tmapfile -t COMPREPLY < <(compgen -S = -W \"$(_crisim_keys "
	      "\"${COMP_WORDS[0]}\")\" -- \"$cur\") ;;\n"
	      "\twords) mapfile -t COMPREPLY < <(compgen -W \"$words\" -- \"$cur\") ;;\n"
	      "\tesac\n\treturn 0\n}\n\n"
	      "complete -F _crisim crisim\n", f);
}
