/* gexf: the recorder keeps exactly the changes recorder.h promises (state
 * changes, attitude moves of >= 0.05 or across a tone cut, replies);
 * recording does not change a run; the GEXF of a known history has the
 * nodes, spells, attvalues and reply edges gexf.h describes, read back
 * with libxml2's parser and XPath (the shell test tests/gexf.sh checks a
 * shipped scenario's export with xmllint). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "engine.h"
#include "gexf.h"
#include "netgen.h"
#include "population.h"
#include "recorder.h"
#include "scenario.h"

Test(recorder, quantises_attitude_and_keeps_every_tone_change)
{
	struct recorder r;
	float att[2] = { 0.10f, 0.50f };
	uint8_t role[2] = { ROLE_CUSTOMER, ROLE_MEDIA };
	cr_assert_eq(recorder_init(&r, 2, att, role, 0.3f), 0);
	r.tick = 1;
	recorder_attitude(&r, 0, 0.14f);   /* moved 0.04: not kept */
	cr_assert_eq(r.n, 0);
	recorder_attitude(&r, 0, 0.16f);   /* 0.06 from the last kept (0.10) */
	cr_assert_eq(r.n, 1);
	cr_assert_float_eq(r.v[0].value, 0.16f, 1e-7);
	recorder_attitude(&r, 0, 0.19f);   /* 0.03 from 0.16 */
	cr_assert_eq(r.n, 1);
	recorder_attitude(&r, 0, -0.01f);  /* crosses 0 though below the step... */
	cr_assert_eq(r.n, 2);
	recorder_attitude(&r, 0, 0.001f);  /* ...and back: a change of tone */
	cr_assert_eq(r.n, 3);
	recorder_attitude(&r, 1, 0.31f);   /* 0.50 -> 0.31: 0.19, kept */
	recorder_attitude(&r, 1, 0.29f);   /* crosses the fan cut 0.3 */
	recorder_attitude(&r, 1, 0.30f);   /* at the cut is not above it: same tone */
	cr_assert_eq(r.n, 5);
	r.tick = 7;
	recorder_reply(&r, 1);
	cr_assert_eq(r.n, 6);
	cr_assert_eq(r.v[5].kind, REC_REPLY);
	cr_assert_eq(r.v[5].tick, 7);
	cr_assert_eq(r.role[1], ROLE_MEDIA);
	cr_assert_float_eq(r.initial[0], 0.10f, 0.0);
	recorder_free(&r);
}

Test(recorder, setters_record_changes_only_when_set)
{
	static struct population p;
	uint8_t st[3] = { 0 }, rl[3] = { 0 }, fl[3] = { 0 };
	float at[3] = { 0 }, ar[3] = { 0 };
	p = (struct population){ .n = 3, .role = rl, .state = st, .attitude = at,
	                         .arousal = ar, .flags = fl };
	p.count[AW_UNAWARE] = 3;
	population_set_state(&p, 0, AW_AWARE);        /* no recorder: nothing */
	struct recorder r;
	cr_assert_eq(recorder_init(&r, 3, at, rl, 0.3f), 0);
	p.rec = &r;
	r.tick = 4;
	population_set_state(&p, 0, AW_AWARE);        /* no change: not kept */
	population_set_state(&p, 1, AW_SPREADING);
	population_set_attitude(&p, 2, -0.5f);
	cr_assert_eq(r.n, 2);
	cr_assert_eq(r.v[0].agent, 1);
	cr_assert_eq(r.v[0].kind, REC_STATE);
	cr_assert_float_eq(r.v[0].value, (float)AW_SPREADING, 0.0);
	cr_assert_eq(r.v[1].kind, REC_ATTITUDE);
	cr_assert_eq(r.v[1].tick, 4);
	cr_assert(population_valid(&p));
	recorder_free(&r);
}

Test(recorder, recording_does_not_change_the_run)
{
	/* The demo on a smaller graph, with a tick of 2.5 minutes. */
	static const char *const sets[] = { "network.nodes=3000", "tick_minutes=2.5" };
	struct scenario s;
	struct graph g;
	char err[SCN_ERRLEN];
	cr_assert_eq(scenario_load(&s, "scenarios/default.json", sets, 2, err), 0, "%s", err);
	cr_assert_eq(netgen_build(&s.network, s.seed, &g, NULL, err, sizeof err), 0, "%s", err);
	struct run_result a, b;
	struct recorder r;
	cr_assert_eq(engine_run(&s, &g, 0, &a, err, sizeof err), ST_OK, "%s", err);
	cr_assert_eq(engine_run_recorded(&s, &g, 0, &r, &b, err, sizeof err), ST_OK, "%s", err);
	cr_assert_eq(memcmp(a.summary.v, b.summary.v, sizeof a.summary.v), 0);
	cr_assert_eq(a.series.rows, b.series.rows);
	cr_assert_eq(memcmp(a.series.v, b.series.v, (size_t)a.series.rows * SERIES_NCOL * sizeof *a.series.v), 0);
	/* Every agent who heard has a state change; the replies are the
	 * summary's (each brand_reply call is one REC_REPLY). */
	size_t replies = 0, heard = 0;
	uint8_t *seen = calloc(g.n, 1);
	for (size_t j = 0; j < r.n; j++) {
		replies += r.v[j].kind == REC_REPLY;
		if (r.v[j].kind == REC_STATE && !seen[r.v[j].agent]++)
			heard++;
		if (j)
			cr_assert_geq(r.v[j].tick, r.v[j - 1].tick, "ticks never decrease");
	}
	cr_assert_gt(replies, 0);
	cr_assert_eq((double)replies, b.summary.v[SUM_replies]);
	cr_assert_eq((double)heard, b.summary.v[SUM_reach]);
	free(seen);
	recorder_free(&r);
	run_result_free(&a);
	run_result_free(&b);
	graph_free(&g);
	spec_free(&s);
}

/* The XPath count or string of expr in doc. */
static double xcount(xmlDoc *doc, const char *expr)
{
	xmlXPathContext *c = xmlXPathNewContext(doc);
	cr_assert_not_null(c);
	cr_assert_eq(xmlXPathRegisterNs(c, (const xmlChar *)"g",
	                                (const xmlChar *)"http://gexf.net/1.3"), 0);
	xmlXPathObject *o = xmlXPathEvalExpression((const xmlChar *)expr, c);
	cr_assert_not_null(o, "%s", expr);
	double v = xmlXPathCastToNumber(o);
	xmlXPathFreeObject(o);
	xmlXPathFreeContext(c);
	return v;
}

Test(gexf, known_history_gives_nodes_spells_attvalues_and_replies)
{
	/* 0 -> 1, 0 -> 2, 1 -> 2; agent 0 is the brand. */
	uint32_t *src = malloc(3 * sizeof *src), *dst = malloc(3 * sizeof *dst);
	src[0] = 0, dst[0] = 1, src[1] = 0, dst[1] = 2, src[2] = 1, dst[2] = 2;
	struct graph g;
	cr_assert_eq(graph_from_arcs(&g, 3, src, dst, 3, NULL, NULL), ST_OK);
	float att[3] = { 0.0f, 0.2f, -0.4f };
	uint8_t role[3] = { ROLE_BRAND, ROLE_CUSTOMER, ROLE_INFLUENCER };
	struct recorder r;
	cr_assert_eq(recorder_init(&r, 3, att, role, 0.3f), 0);
	/* Agent 1 hears at tick 2, spreads 3..5, is done at 6, spreads again
	 * at 8 to the end; its attitude drops at 4; replies at 5 (twice) and 9.
	 * Agent 2 hears, spreads and stops in tick 1: it spread in that tick
	 * (spreading wins a tick it was spreading in), done from tick 2. */
	r.tick = 1;
	recorder_state(&r, 2, AW_AWARE);
	recorder_state(&r, 2, AW_SPREADING);
	recorder_state(&r, 2, AW_DONE);
	r.tick = 2;
	recorder_state(&r, 1, AW_AWARE);
	r.tick = 3;
	recorder_state(&r, 1, AW_SPREADING);
	r.tick = 4;
	recorder_attitude(&r, 1, -0.3f);
	r.tick = 5;
	recorder_reply(&r, 1);
	recorder_reply(&r, 1);
	r.tick = 6;
	recorder_state(&r, 1, AW_DONE);
	r.tick = 8;
	recorder_state(&r, 1, AW_SPREADING);
	r.tick = 9;
	recorder_reply(&r, 1);
	struct gexf_run run = { "t", 5.0, 10, 0 };
	char *buf = NULL, err[256];
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	cr_assert_not_null(f);
	cr_assert_eq(gexf_write(f, &g, &run, &r, err, sizeof err), ST_OK, "%s", err);
	cr_assert_eq(fclose(f), 0);
	xmlDoc *doc = xmlReadMemory(buf, (int)len, "t.gexf", NULL, XML_PARSE_NONET);
	cr_assert_not_null(doc, "well-formed XML");
	cr_assert_eq(xcount(doc, "count(/g:gexf[@version='1.3']/g:graph[@mode='dynamic'][@timeformat='double'])"), 1);
	cr_assert_eq(xcount(doc, "count(//g:node)"), 3);
	cr_assert_eq(xcount(doc, "count(//g:edge[not(@kind)])"), 3);
	/* Node 1: heard at minute 10; spells [15, 25] and [40, 45]. */
	const char *n1 = "//g:node[@id='1']";
	char q[256];
	snprintf(q, sizeof q, "number(%s//g:attvalue[@for='heard']/@value)", n1);
	cr_assert_eq(xcount(doc, q), 10.0);
	snprintf(q, sizeof q, "count(%s/g:spells/g:spell)", n1);
	cr_assert_eq(xcount(doc, q), 2);
	snprintf(q, sizeof q, "number(%s/g:spells/g:spell[1]/@start)", n1);
	cr_assert_eq(xcount(doc, q), 15.0);
	snprintf(q, sizeof q, "number(%s/g:spells/g:spell[1]/@end)", n1);
	cr_assert_eq(xcount(doc, q), 25.0);
	snprintf(q, sizeof q, "number(%s/g:spells/g:spell[2]/@start)", n1);
	cr_assert_eq(xcount(doc, q), 40.0);
	snprintf(q, sizeof q, "number(%s/g:spells/g:spell[2]/@end)", n1);
	cr_assert_eq(xcount(doc, q), 45.0);
	/* Its states: aware, spreading, done, spreading. */
	snprintf(q, sizeof q, "count(%s//g:attvalue[@for='state'])", n1);
	cr_assert_eq(xcount(doc, q), 4);
	snprintf(q, sizeof q, "number(%s//g:attvalue[@for='state'][@value='done']/@start)", n1);
	cr_assert_eq(xcount(doc, q), 30.0);
	/* Attitude: 0.2 over [0, 15], -0.3 over [20, 45]. */
	snprintf(q, sizeof q, "count(%s//g:attvalue[@for='attitude'])", n1);
	cr_assert_eq(xcount(doc, q), 2);
	snprintf(q, sizeof q, "number(%s//g:attvalue[@for='attitude'][2]/@start)", n1);
	cr_assert_eq(xcount(doc, q), 20.0);
	/* Node 2: spreading at minute 5 alone, the aware instant gone, done
	 * from minute 10. */
	cr_assert_eq(xcount(doc, "count(//g:node[@id='2']//g:attvalue[@for='state'])"), 2);
	cr_assert_eq(xcount(doc, "number(//g:node[@id='2']/g:spells/g:spell/@start)"), 5.0);
	cr_assert_eq(xcount(doc, "number(//g:node[@id='2']/g:spells/g:spell/@end)"), 5.0);
	cr_assert_eq(xcount(doc, "number(//g:node[@id='2']//g:attvalue[@value='done']/@start)"), 10.0);
	/* The brand never heard: no heard value, no state, no spells. */
	cr_assert_eq(xcount(doc, "count(//g:node[@id='0']//g:attvalue[@for='heard' or @for='state'])"), 0);
	cr_assert_eq(xcount(doc, "count(//g:node[@id='0']/g:spells)"), 0);
	cr_assert_eq(xcount(doc, "count(//g:node[@id='0']//g:attvalue[@for='role'][@value='brand'])"), 1);
	cr_assert_eq(xcount(doc, "number(//g:node[@id='1']//g:attvalue[@for='audience']/@value)"), 1);
	/* One reply edge 0 -> 1 with a spell per tick answered: 25 and 45. */
	cr_assert_eq(xcount(doc, "count(//g:edge[@kind='reply'][@source='0'][@target='1'])"), 1);
	cr_assert_eq(xcount(doc, "count(//g:edge[@kind='reply']//g:spell)"), 2);
	cr_assert_eq(xcount(doc, "number(//g:edge[@kind='reply']//g:spell[2]/@start)"), 45.0);
	xmlFreeDoc(doc);
	free(buf);
	recorder_free(&r);
	graph_free(&g);
}
