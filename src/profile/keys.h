/*
 * keys.h: every profile path the C code reads or writes.  C never names a
 * profile key as a bare string: it names one of these, and keys_check()
 * proves at start-up that each exists in the schema with the type the
 * code expects, so renaming a key in templates/schema/ fails loudly
 * instead of printing a blank (tests/keyscan.py keeps the rule).  Paths
 * the registry names are checked by docset.c; the registry's own keys and
 * those of the self-assessment data have lists of the same kind, checked
 * by key_rows_check() against their own schemas.
 */
#ifndef KITEI_KEYS_H
#define KITEI_KEYS_H

#include "base/diag.h"
#include "profile/schema.h"

/*
 * The lists, one a part of the profile; PROFILE_KEYS below joins them.
 * Paths: "a.b" a key of a map, "a[].b" a key of every item of list a,
 * "a.<id>.b" a key of every entry of a map whose keys are ids.  Derived
 * keys (written by src/profile/derive*.c) are listed like the others.
 * The core list holds what documents and the first derivers read: the
 * company's name and head, the policy's dates and approvals, the chapter
 * table, the review dates, the comparison's options, the receipts.
 */
#define PROFILE_KEYS_CORE(X) \
	X(K_COMPANY_NAME,	"company.name",			T_STRING) \
	X(K_SHORT_NAME,		"company.short_name",		T_STRING) \
	X(K_REP_TITLE,		"company.representative.title",	T_STRING) \
	X(K_REP_NAME,		"company.representative.name",	T_STRING) \
	X(K_POLICY_VERSION,	"policy.version",		T_STRING) \
	X(K_POLICY_ESTABLISHED,	"policy.established",		T_DATE) \
	X(K_POLICY_REVISED,	"policy.revised",		T_DATE) \
	X(K_POLICY_REVISIONS,	"policy.revisions",		T_LIST) \
	X(K_DATE_STYLE,		"policy.date_style",		T_ENUM) \
	X(K_CLASSIFICATION,	"policy.classification",	T_STRING) \
	X(K_APPROVED,		"policy.approvals.approved",	T_STRING) \
	X(K_CHECKED,		"policy.approvals.checked",	T_STRING) \
	X(K_PREPARED,		"policy.approvals.prepared",	T_STRING) \
	X(K_REGULATIONS,	"regulations",			T_MAP) \
	X(K_REG_NUMBERING,	"regulations.numbering",	T_ENUM) \
	X(K_REG_REVISED,	"regulations.revised",		T_DATE) \
	X(K_REG_CHAPTERS,	"regulations.chapters",		T_MAP) \
	X(K_REG_TABLE,		"regulations.table",		T_LIST) \
	X(K_COMPANY_WEBSITE,	"company.website",		T_STRING) \
	X(K_PEOPLE,		"people",			T_LIST) \
	X(K_SELF_ASSESSMENT,	"self_assessment",		T_MAP) \
	X(K_SA_ROWS,		"self_assessment.rows",		T_LIST) \
	X(K_SA_RESPONDENTS,	"self_assessment.respondents",	T_LIST) \
	X(K_SA_HISTORY,		"self_assessment.history",	T_LIST) \
	X(K_SA_PARTS,		"self_assessment.parts",	T_LIST) \
	X(K_SA_ACTIONS,		"self_assessment.actions",	T_LIST) \
	X(K_SA_TOTAL,		"self_assessment.total",	T_INT) \
	X(K_SA_DATE,		"self_assessment.date",		T_DATE) \
	X(K_SA_DONE,		"self_assessment.done",		T_BOOL) \
	X(K_SA_AGGREGATE,	"self_assessment.aggregate",	T_ENUM) \
	X(K_SA_INPUTS,		"self_assessment.inputs",	T_LIST) \
	X(K_CHAPTER_STATUS,	"regulations.chapters.<id>.status", T_ENUM) \
	X(K_CHAPTER_REVISED,	"regulations.chapters.<id>.revised", T_DATE) \
	X(K_CHAPTER_WRITTEN,	"regulations.chapters.<id>.written", T_BOOL) \
	X(K_ROW_TITLE,		"regulations.table[].title",	T_STRING) \
	X(K_ROW_STATE,		"regulations.table[].state",	T_ENUM) \
	X(K_ROW_NUMBER,		"regulations.table[].number",	T_STRING) \
	X(K_ROW_DATE,		"regulations.table[].date",	T_DATE) \
	X(K_REVIEW,		"policy.review",		T_MAP) \
	X(K_REVIEW_EVERY,	"policy.review.every_months",	T_INT) \
	X(K_REVIEW_NEXT,	"policy.review.next",		T_DATE) \
	X(K_REVIEW_LOG,		"policy.review.log",		T_LIST) \
	X(K_REVIEW_LOG_DATE,	"policy.review.log[].date",	T_DATE) \
	X(K_REVIEW_LAST,	"policy.review.last",		T_DATE) \
	X(K_REVIEW_DUE,		"policy.review.due",		T_DATE) \
	X(K_SCHEDULE,		"schedule",			T_LIST) \
	X(K_SCHED_ACTIVITY,	"schedule[].activity",		T_STRING) \
	X(K_SCHED_EVERY,	"schedule[].every_months",	T_INT) \
	X(K_SCHED_LAST,		"schedule[].last",		T_DATE) \
	X(K_SCHED_NEXT,		"schedule[].next",		T_DATE) \
	X(K_SCHED_DUE,		"schedule[].due",		T_DATE) \
	X(K_REVISION_DATE,	"policy.revisions[].date",	T_DATE) \
	X(K_CMP_ORDER,		"compare.order",		T_ENUM) \
	X(K_CMP_NEW_LABEL,	"compare.new_label",		T_STRING) \
	X(K_CMP_OLD_LABEL,	"compare.old_label",		T_STRING) \
	X(K_CMP_UNCHANGED,	"compare.unchanged",		T_ENUM) \
	X(K_CMP_MARKERS,	"compare.markers",		T_BOOL) \
	X(K_CMP_REMARKS,	"compare.remarks",		T_BOOL) \
	X(K_ASSETS,		"assets",			T_MAP) \
	X(K_ASSETS_CSV,		"assets.csv",			T_STRING) \
	X(K_ASSETS_CSV_ENC,	"assets.csv_encoding",		T_ENUM) \
	X(K_ASSETS_AS_OF,	"assets.as_of",			T_DATE) \
	X(K_ASSETS_MEDIA,	"assets.media",			T_LIST) \
	X(K_ASSETS_INFO,	"assets.information",		T_LIST) \
	X(K_ASSETS_IT,		"assets.it",			T_LIST) \
	X(K_ASSETS_IT_CSV,	"assets.it_csv",		T_STRING) \
	X(K_ASSETS_IT_CSV_ENC,	"assets.it_csv_encoding",	T_ENUM) \
	X(K_RISK_TABLE,		"assets.risk.possibility",	T_LIST) \
	X(K_RISK_HIGH,		"assets.risk.high",		T_INT) \
	X(K_RISK_MEDIUM,	"assets.risk.medium",		T_INT) \
	X(K_RISK_DUE_DAYS,	"assets.risk.due_days",		T_INT) \
	X(K_ASSETS_ROWS,	"assets.rows",			T_LIST) \
	X(K_ASSETS_SUMMARY,	"assets.summary",		T_MAP) \
	X(K_ASSETS_TABLE,	"assets.table",			T_LIST) \
	X(K_ROLES,		"roles",			T_MAP) \
	X(K_SECURITY_OFFICER,	"roles.security_officer",	T_REF) \
	X(K_DIST,		"distribution",			T_MAP) \
	X(K_DIST_ROSTER,	"distribution.roster",		T_STRING) \
	X(K_DIST_DOCUMENTS,	"distribution.documents",	T_LIST) \
	X(K_DIST_NUMBER,	"distribution.number",		T_STRING) \
	X(K_DIST_COPIES,	"distribution.copies",		T_LIST) \
	X(K_DIST_DUE_DAYS,	"distribution.receipt.due_days",T_INT) \
	X(K_DIST_SUBMIT,	"distribution.receipt.submit_to",T_REF) \
	X(K_DIST_STAFF,		"distribution.staff",		T_LIST) \
	X(K_DIST_ISSUED,	"distribution.issued",		T_LIST) \
	X(K_DIST_RECEIPTS,	"distribution.receipts",	T_LIST) \
	X(K_PLEDGE,		"pledge",			T_MAP) \
	X(K_PLEDGE_VARIANTS,	"pledge.variants",		T_LIST) \
	X(K_PLEDGE_RECORDS,	"pledge.records",		T_LIST) \
	X(K_PLEDGE_PAGES,	"pledge.pages",			T_LIST) \
	X(K_RCPT_NUMBER,	"distribution.receipts[].number", T_STRING) \
	X(K_RCPT_NAME,		"distribution.receipts[].name",	T_STRING) \
	X(K_RCPT_DUE,		"distribution.receipts[].due",	T_DATE) \
	X(K_ROW_ID,		"regulations.table[].id",	T_STRING) \
	X(K_ROW_WRITTEN,	"regulations.table[].written",	T_BOOL) \
	X(K_CHAPTER_TITLE,	"regulations.chapters.<id>.title", T_STRING) \
	X(K_CHAPTER_STATE,	"regulations.chapters.<id>.state", T_ENUM) \
	X(K_CHAPTER_NUMBER,	"regulations.chapters.<id>.number", T_STRING) \
	X(K_CHAPTER_DATE,	"regulations.chapters.<id>.date", T_DATE)

/* The revision history and the review record, as the documents print them. */
#define PROFILE_KEYS_POLICY(X) \
	X(K_REVISION_VERSION,	"policy.revisions[].version",	T_STRING) \
	X(K_REVISION_DESCRIPTION, \
	    "policy.revisions[].description", T_STRING) \
	X(K_REVISION_APPROVER,	"policy.revisions[].approver",	T_STRING) \
	X(K_REVIEW_LOG_RESULT,	"policy.review.log[].result",	T_ENUM) \
	X(K_REVIEW_LOG_BY,	"policy.review.log[].by",	T_STRING) \
	X(K_REVIEW_LOG_NOTE,	"policy.review.log[].note",	T_STRING)

/*
 * The organisation: company, people, the switches that size it, and
 * the facts the consistency checks read.
 */
#define PROFILE_KEYS_ORG(X) \
	X(K_OUTSOURCING,	"business.outsourcing",		T_BOOL) \
	X(K_IN_HOUSE_DEV,	"business.in_house_development", T_BOOL) \
	X(K_COMPANY,		"company",			T_MAP) \
	X(K_COMPANY_FORM,	"company.form",			T_ENUM) \
	X(K_SELF_REFERENCE,	"company.self_reference",	T_STRING) \
	X(K_SELF_NOUN,		"company.self_noun",		T_STRING) \
	X(K_INSIDE_WORD,	"company.inside_word",		T_STRING) \
	X(K_OUTSIDE_WORD,	"company.outside_word",		T_STRING) \
	X(K_STAFF_WORD,		"company.staff_word",		T_STRING) \
	X(K_JOIN_WORD,		"company.join_word",		T_STRING) \
	X(K_LEAVE_WORD,		"company.leave_word",		T_STRING) \
	X(K_REPRESENTATIVE,	"company.representative",	T_MAP) \
	X(K_EMPLOYEES,		"company.employees",		T_INT) \
	X(K_IT,			"it",				T_MAP) \
	X(K_IT_SERVERS,		"it.servers",			T_BOOL) \
	X(K_ORGANIZATION,	"organization",			T_MAP) \
	X(K_COMMITTEE,		"organization.committee",	T_BOOL) \
	X(K_INTERNAL_AUDIT,	"organization.internal_audit",	T_BOOL) \
	X(K_WORK_RULES,		"organization.work_rules",	T_BOOL) \
	X(K_REVIEWER,		"organization.reviewer",	T_MAP) \
	X(K_PERSON_ID,		"people[].id",			T_STRING) \
	X(K_PERSON_NAME,	"people[].name",		T_STRING) \
	X(K_PERSON_TITLE,	"people[].title",		T_STRING) \
	X(K_PERSON_DEPT,	"people[].department",		T_STRING) \
	X(K_REG_SCOPE,		"regulations.scope",		T_STRING) \
	X(K_REG_CLASSES,	"regulations.classes",		T_LIST) \
	X(K_CLASS_NAME,		"regulations.classes[].name",	T_STRING) \
	X(K_TELEWORK,		"telework.enabled",		T_BOOL)

/*
 * The self-assessment (自社診断): rounds and plan as written, and the
 * values derive_assessment.c puts beside them.
 */
#define PROFILE_KEYS_ASSESSMENT(X) \
	X(K_SA_EDITION,		"self_assessment.edition",	T_ENUM) \
	X(K_SA_BANDS,		"self_assessment.bands",	T_LIST) \
	X(K_SA_BANDS_MIN,	"self_assessment.bands[].min",	T_INT) \
	X(K_SA_BANDS_LABEL,	"self_assessment.bands[].label", T_STRING) \
	X(K_SA_BANDS_NEXT,	"self_assessment.bands[].next",	T_STRING) \
	X(K_SA_ROUNDS,		"self_assessment.rounds",	T_LIST) \
	X(K_SA_ROUND_DATE,	"self_assessment.rounds[].date", T_DATE) \
	X(K_SA_ROUND_LABEL,	"self_assessment.rounds[].label", T_STRING) \
	X(K_SA_ROUND_CSV,	"self_assessment.rounds[].csv",	T_STRING) \
	X(K_SA_ROUND_RESPONDENTS, \
	    "self_assessment.rounds[].respondents", T_LIST) \
	X(K_SA_RR_PERSON, \
	    "self_assessment.rounds[].respondents[].person", T_REF) \
	X(K_SA_RR_NAME, \
	    "self_assessment.rounds[].respondents[].name", T_STRING) \
	X(K_SA_RR_DEPT, \
	    "self_assessment.rounds[].respondents[].department", T_STRING) \
	X(K_SA_RR_ANSWERS, \
	    "self_assessment.rounds[].respondents[].answers", T_MAP) \
	X(K_SA_RR_NOTES, \
	    "self_assessment.rounds[].respondents[].notes", T_MAP) \
	X(K_SA_ROUND_AGREED,	"self_assessment.rounds[].agreed", T_MAP) \
	X(K_SA_PLAN,		"self_assessment.plan",		T_LIST) \
	X(K_SA_PLAN_ITEMS,	"self_assessment.plan[].items",	T_LIST) \
	X(K_SA_PLAN_ACTION,	"self_assessment.plan[].action", T_STRING) \
	X(K_SA_PLAN_OWNER,	"self_assessment.plan[].owner",	T_REF) \
	X(K_SA_PLAN_DUE,	"self_assessment.plan[].due",	T_DATE) \
	X(K_SA_PLAN_URGENCY,	"self_assessment.plan[].urgency", T_ENUM) \
	X(K_SA_PLAN_IMPORTANCE,	"self_assessment.plan[].importance", T_ENUM) \
	X(K_SA_PLAN_DIFFICULTY,	"self_assessment.plan[].difficulty", T_ENUM) \
	X(K_SA_PLAN_STATUS,	"self_assessment.plan[].status", T_ENUM) \
	X(K_SA_ENABLED,		"self_assessment.enabled",	T_BOOL) \
	X(K_SA_LABEL,		"self_assessment.label",	T_STRING) \
	X(K_SA_BAND,		"self_assessment.band",		T_STRING) \
	X(K_SA_BAND_NEXT,	"self_assessment.band_next",	T_STRING) \
	X(K_SA_RESP_KEY,	"self_assessment.respondents[].key", T_STRING) \
	X(K_SA_RESP_NAME, \
	    "self_assessment.respondents[].name", T_STRING) \
	X(K_SA_RESP_DEPT, \
	    "self_assessment.respondents[].department", T_STRING) \
	X(K_SA_RESP_TOTAL,	"self_assessment.respondents[].total", T_INT) \
	X(K_SA_PART_NAME,	"self_assessment.parts[].name",	T_STRING) \
	X(K_SA_PART_RANGE,	"self_assessment.parts[].range", T_STRING) \
	X(K_SA_PART_POINTS,	"self_assessment.parts[].points", T_INT) \
	X(K_SA_PART_BAR,	"self_assessment.parts[].bar",	T_INT) \
	X(K_SA_PART_MAX,	"self_assessment.parts[].max",	T_INT) \
	X(K_SA_PART_PREVIOUS,	"self_assessment.parts[].previous", T_INT) \
	X(K_SA_PART_DIFF,	"self_assessment.parts[].diff",	T_STRING) \
	X(K_SA_HAS_PREVIOUS,	"self_assessment.has_previous",	T_BOOL) \
	X(K_SA_PREVIOUS_DATE,	"self_assessment.previous_date", T_DATE) \
	X(K_SA_PREVIOUS_TOTAL,	"self_assessment.previous_total", T_INT) \
	X(K_SA_TOTAL_DIFF,	"self_assessment.total_diff",	T_STRING) \
	X(K_SA_COUNTS,		"self_assessment.counts",	T_LIST) \
	X(K_SA_COUNT_ANSWER,	"self_assessment.counts[].answer", T_STRING) \
	X(K_SA_COUNT_POINTS,	"self_assessment.counts[].points", T_INT) \
	X(K_SA_COUNT_COUNT,	"self_assessment.counts[].count", T_INT) \
	X(K_SA_UNKNOWN,		"self_assessment.unknown",	T_LIST) \
	X(K_SA_UNK_NO,		"self_assessment.unknown[].no",	T_INT) \
	X(K_SA_UNK_TITLE,	"self_assessment.unknown[].title", T_STRING) \
	X(K_SA_UNK_WHO,		"self_assessment.unknown[].who", T_STRING) \
	X(K_SA_PRIORITY,	"self_assessment.priority",	T_LIST) \
	X(K_SA_PRI_NO,		"self_assessment.priority[].no", T_INT) \
	X(K_SA_PRI_TITLE,	"self_assessment.priority[].title", T_STRING) \
	X(K_SA_PRI_ANSWER,	"self_assessment.priority[].answer", T_STRING) \
	X(K_SA_PRI_ADVICE,	"self_assessment.priority[].advice", T_STRING) \
	X(K_SA_PRI_PLANNED,	"self_assessment.priority[].planned", T_BOOL) \
	X(K_SA_DISAGREEMENTS,	"self_assessment.disagreements", T_INT) \
	X(K_SA_QUESTIONS,	"self_assessment.questions",	T_LIST) \
	X(K_SA_Q_NO,		"self_assessment.questions[].no", T_INT) \
	X(K_SA_Q_TITLE,		"self_assessment.questions[].title", T_STRING) \
	X(K_SA_Q_PART,		"self_assessment.questions[].part", T_STRING) \
	X(K_SA_ROW_NO,		"self_assessment.rows[].no",	T_INT) \
	X(K_SA_ROW_TITLE,	"self_assessment.rows[].title",	T_STRING) \
	X(K_SA_ROW_PART,	"self_assessment.rows[].part",	T_STRING) \
	X(K_SA_ROW_ANSWERS,	"self_assessment.rows[].answers", T_LIST) \
	X(K_SA_ROW_MARKS,	"self_assessment.rows[].marks",	T_LIST) \
	X(K_SA_ROW_ANSWER,	"self_assessment.rows[].answer", T_STRING) \
	X(K_SA_ROW_MARK,	"self_assessment.rows[].mark",	T_STRING) \
	X(K_SA_ROW_AGREED,	"self_assessment.rows[].agreed", T_BOOL) \
	X(K_SA_ROW_POINTS,	"self_assessment.rows[].points", T_INT) \
	X(K_SA_ROW_LOW,		"self_assessment.rows[].low",	T_BOOL) \
	X(K_SA_ROW_DIFFER,	"self_assessment.rows[].differ", T_BOOL) \
	X(K_SA_ROW_NOTES,	"self_assessment.rows[].notes",	T_STRING) \
	X(K_SA_ROW_HANDBOOK,	"self_assessment.rows[].handbook", T_STRING) \
	X(K_SA_ROW_CHAPTER,	"self_assessment.rows[].chapter", T_STRING) \
	X(K_SA_ROW_CHAPTER_ANCHOR, "self_assessment.rows[].chapter_anchor", \
	    T_STRING) \
	X(K_SA_HIST_DATE,	"self_assessment.history[].date", T_DATE) \
	X(K_SA_HIST_LABEL,	"self_assessment.history[].label", T_STRING) \
	X(K_SA_HIST_TOTAL,	"self_assessment.history[].total", T_INT) \
	X(K_SA_HIST_POINTS,	"self_assessment.history[].points", T_LIST) \
	X(K_SA_ACT_ITEMS,	"self_assessment.actions[].items", T_STRING) \
	X(K_SA_ACT_ACTION,	"self_assessment.actions[].action", T_STRING) \
	X(K_SA_ACT_OWNER,	"self_assessment.actions[].owner", T_STRING) \
	X(K_SA_ACT_DUE,		"self_assessment.actions[].due", T_DATE) \
	X(K_SA_ACT_URGENCY,	"self_assessment.actions[].urgency", T_STRING) \
	X(K_SA_ACT_IMPORTANCE, \
	    "self_assessment.actions[].importance", T_STRING) \
	X(K_SA_ACT_DIFFICULTY, \
	    "self_assessment.actions[].difficulty", T_STRING) \
	X(K_SA_ACT_STATUS,	"self_assessment.actions[].status", T_STRING) \
	X(K_SA_UNPLANNED,	"self_assessment.unplanned",	T_LIST) \
	X(K_SA_UNP_NO,		"self_assessment.unplanned[].no", T_INT) \
	X(K_SA_UNP_TITLE,	"self_assessment.unplanned[].title", T_STRING) \
	X(K_SA_READINESS,	"self_assessment.readiness",	T_MAP) \
	X(K_SA_READY,		"self_assessment.readiness.ready", T_BOOL) \
	X(K_SA_READY_MISSING,	"self_assessment.readiness.missing", T_LIST)

/*
 * Distribution and pledges: copies as written, and the staff, issued
 * copies, receipts and pledge pages derive_forms.c puts beside them.
 */
#define PROFILE_KEYS_FORMS(X) \
	X(K_COPY_NO,		"distribution.copies[].no",	T_INT) \
	X(K_COPY_TO,		"distribution.copies[].to",	T_STRING) \
	X(K_COPY_DOCUMENT,	"distribution.copies[].document", T_ENUM) \
	X(K_COPY_VERSION,	"distribution.copies[].version", T_STRING) \
	X(K_COPY_ISSUED,	"distribution.copies[].issued",	T_DATE) \
	X(K_COPY_RECEIVED,	"distribution.copies[].received", T_DATE) \
	X(K_COPY_RETURNED,	"distribution.copies[].returned", T_DATE) \
	X(K_COPY_NOTE,		"distribution.copies[].note",	T_STRING) \
	X(K_STAFF_ID,		"distribution.staff[].id",	T_STRING) \
	X(K_STAFF_NAME,		"distribution.staff[].name",	T_STRING) \
	X(K_STAFF_DEPT,		"distribution.staff[].department", T_STRING) \
	X(K_STAFF_JOINED,	"distribution.staff[].joined",	T_DATE) \
	X(K_STAFF_LEFT,		"distribution.staff[].left",	T_DATE) \
	X(K_ISS_NUMBER,		"distribution.issued[].number",	T_STRING) \
	X(K_ISS_DOCUMENT,	"distribution.issued[].document", T_STRING) \
	X(K_ISS_VERSION,	"distribution.issued[].version", T_STRING) \
	X(K_ISS_NAME,		"distribution.issued[].name",	T_STRING) \
	X(K_ISS_DEPT,		"distribution.issued[].department", T_STRING) \
	X(K_ISS_STAFF_ID,	"distribution.issued[].staff_id", T_STRING) \
	X(K_ISS_ISSUED,		"distribution.issued[].issued",	T_DATE) \
	X(K_ISS_DUE,		"distribution.issued[].due",	T_DATE) \
	X(K_ISS_RECEIVED,	"distribution.issued[].received", T_DATE) \
	X(K_ISS_RETURNED,	"distribution.issued[].returned", T_DATE) \
	X(K_ISS_CURRENT,	"distribution.issued[].current", T_BOOL) \
	X(K_ISS_STATE,		"distribution.issued[].state",	T_ENUM) \
	X(K_ISS_PLEDGED,	"distribution.issued[].pledged", T_DATE) \
	X(K_ISS_NOTE,		"distribution.issued[].note",	T_STRING) \
	X(K_RCPT_DOCUMENT,	"distribution.receipts[].document", T_STRING) \
	X(K_RCPT_VERSION,	"distribution.receipts[].version", T_STRING) \
	X(K_RCPT_DEPT, \
	    "distribution.receipts[].department", T_STRING) \
	X(K_DIST_SUBMIT_TO,	"distribution.submit_to",	T_STRING) \
	X(K_PREC_TO,		"pledge.records[].to",		T_STRING) \
	X(K_PREC_VARIANT,	"pledge.records[].variant",	T_ENUM) \
	X(K_PREC_SIGNED,	"pledge.records[].signed",	T_DATE) \
	X(K_PAGE_VARIANT,	"pledge.pages[].variant",	T_ENUM) \
	X(K_PAGE_LEAVING,	"pledge.pages[].leaving",	T_BOOL) \
	X(K_PAGE_NAME,		"pledge.pages[].name",		T_STRING) \
	X(K_PAGE_DEPT,		"pledge.pages[].department",	T_STRING)

/*
 * The asset ledger and risk analysis: media, information and IT assets
 * as written, and the rows, summary and tables derive_assets.c puts
 * beside them.
 */
#define PROFILE_KEYS_ASSETS(X) \
	X(K_MEDIUM_ID,		"assets.media[].id",		T_STRING) \
	X(K_MEDIUM_LABEL,	"assets.media[].label",		T_STRING) \
	X(K_MEDIUM_THREAT,	"assets.media[].threat",	T_INT) \
	X(K_MEDIUM_VULNERABILITY,	"assets.media[].vulnerability", T_INT) \
	X(K_INFO_ID,		"assets.information[].id",	T_STRING) \
	X(K_INFO_CATEGORY,	"assets.information[].category", T_STRING) \
	X(K_INFO_NAME,		"assets.information[].name",	T_STRING) \
	X(K_INFO_NOTE,		"assets.information[].note",	T_STRING) \
	X(K_INFO_USERS,		"assets.information[].users",	T_STRING) \
	X(K_INFO_OWNER,		"assets.information[].owner",	T_STRING) \
	X(K_INFO_MEDIA,		"assets.information[].media",	T_LIST) \
	X(K_INFO_PERSONAL,	"assets.information[].personal", T_LIST) \
	X(K_INFO_C,		"assets.information[].c",	T_INT) \
	X(K_INFO_I,		"assets.information[].i",	T_INT) \
	X(K_INFO_A,		"assets.information[].a",	T_INT) \
	X(K_INFO_CRITICAL,	"assets.information[].critical", T_BOOL) \
	X(K_INFO_RETENTION,	"assets.information[].retention", T_STRING) \
	X(K_INFO_REGISTERED,	"assets.information[].registered", T_DATE) \
	X(K_INFO_THREAT,	"assets.information[].threat",	T_INT) \
	X(K_INFO_VULNERABILITY,	"assets.information[].vulnerability", T_INT) \
	X(K_INFO_TREATMENT,	"assets.information[].treatment", T_ENUM) \
	X(K_INFO_MEASURES,	"assets.information[].measures", T_TEXT) \
	X(K_INFO_MEASURE_OWNER, \
	    "assets.information[].measure_owner", T_STRING) \
	X(K_INFO_MEASURE_DUE,	"assets.information[].measure_due", T_DATE) \
	X(K_IT_ASSET_ID,	"assets.it[].id",		T_STRING) \
	X(K_IT_ASSET_NAME,	"assets.it[].name",		T_STRING) \
	X(K_IT_ASSET_KIND,	"assets.it[].kind",		T_ENUM) \
	X(K_IT_ASSET_PRODUCT,	"assets.it[].product",		T_STRING) \
	X(K_IT_ASSET_VERSION,	"assets.it[].version",		T_STRING) \
	X(K_IT_ASSET_LOCATION,	"assets.it[].location",		T_STRING) \
	X(K_IT_ASSET_ADMIN,	"assets.it[].admin",		T_STRING) \
	X(K_IT_ASSET_VENDOR,	"assets.it[].vendor",		T_STRING) \
	X(K_IT_ASSET_SUPPORT_END,	"assets.it[].support_end", T_DATE) \
	X(K_IT_ASSET_LICENCE_END,	"assets.it[].licence_end", T_DATE) \
	X(K_IT_ASSET_ACQUIRED,	"assets.it[].acquired",		T_DATE) \
	X(K_IT_ASSET_DISPOSED,	"assets.it[].disposed",		T_DATE) \
	X(K_AROW_ID,		"assets.rows[].id",		T_STRING) \
	X(K_AROW_NO,		"assets.rows[].no",		T_INT) \
	X(K_AROW_CATEGORY,	"assets.rows[].category",	T_STRING) \
	X(K_AROW_NAME,		"assets.rows[].name",		T_STRING) \
	X(K_AROW_NOTE,		"assets.rows[].note",		T_STRING) \
	X(K_AROW_USERS,		"assets.rows[].users",		T_STRING) \
	X(K_AROW_OWNER,		"assets.rows[].owner",		T_STRING) \
	X(K_AROW_MEDIUM,	"assets.rows[].medium",		T_STRING) \
	X(K_AROW_PERSONAL,	"assets.rows[].personal",	T_STRING) \
	X(K_AROW_PI,		"assets.rows[].pi",		T_STRING) \
	X(K_AROW_SENSITIVE,	"assets.rows[].sensitive",	T_STRING) \
	X(K_AROW_MYNUMBER,	"assets.rows[].mynumber",	T_STRING) \
	X(K_AROW_C,		"assets.rows[].c",		T_INT) \
	X(K_AROW_I,		"assets.rows[].i",		T_INT) \
	X(K_AROW_A,		"assets.rows[].a",		T_INT) \
	X(K_AROW_CRITICAL,	"assets.rows[].critical",	T_BOOL) \
	X(K_AROW_FORCED,	"assets.rows[].forced",		T_BOOL) \
	X(K_AROW_IMPORTANCE,	"assets.rows[].importance",	T_INT) \
	X(K_AROW_THREAT,	"assets.rows[].threat",		T_INT) \
	X(K_AROW_VULNERABILITY,	"assets.rows[].vulnerability",	T_INT) \
	X(K_AROW_POSSIBILITY,	"assets.rows[].possibility",	T_INT) \
	X(K_AROW_RISK,		"assets.rows[].risk",		T_INT) \
	X(K_AROW_LEVEL,		"assets.rows[].level",		T_STRING) \
	X(K_AROW_REASON,	"assets.rows[].reason",		T_STRING) \
	X(K_AROW_RETENTION,	"assets.rows[].retention",	T_STRING) \
	X(K_AROW_REGISTERED,	"assets.rows[].registered",	T_DATE) \
	X(K_AROW_TREATMENT,	"assets.rows[].treatment",	T_STRING) \
	X(K_AROW_MEASURES,	"assets.rows[].measures",	T_TEXT) \
	X(K_AROW_MEASURE_OWNER,	"assets.rows[].measure_owner",	T_STRING) \
	X(K_AROW_MEASURE_DUE,	"assets.rows[].measure_due",	T_DATE) \
	X(K_ASSETS_RANKED,	"assets.ranked",		T_LIST) \
	X(K_SUM_ASSETS,		"assets.summary.assets",	T_INT) \
	X(K_SUM_ROWS,		"assets.summary.rows",		T_INT) \
	X(K_SUM_PERSONAL,	"assets.summary.personal",	T_INT) \
	X(K_SUM_HIGH,		"assets.summary.high",		T_INT) \
	X(K_SUM_MEDIUM,		"assets.summary.medium",	T_INT) \
	X(K_SUM_LOW,		"assets.summary.low",		T_INT) \
	X(K_SUM_UNASSESSED,	"assets.summary.unassessed",	T_INT) \
	X(K_SUM_IT,		"assets.summary.it",		T_INT) \
	X(K_SUM_IT_DUE,		"assets.summary.it_due",	T_INT) \
	X(K_SUM_AS_OF,		"assets.summary.as_of",		T_DATE) \
	X(K_SUM_SHADE,		"assets.summary.shade",		T_STRING) \
	X(K_SUM_HIGH_RANGE,	"assets.summary.high_range",	T_STRING) \
	X(K_SUM_MEDIUM_RANGE,	"assets.summary.medium_range",	T_STRING) \
	X(K_SUM_LOW_RANGE,	"assets.summary.low_range",	T_STRING) \
	X(K_ASSETS_GRID,	"assets.grid",			T_LIST) \
	X(K_RTABLE_THREAT,	"assets.table[].threat",	T_INT) \
	X(K_RTABLE_V3,		"assets.table[].v3",		T_INT) \
	X(K_RTABLE_V2,		"assets.table[].v2",		T_INT) \
	X(K_RTABLE_V1,		"assets.table[].v1",		T_INT) \
	X(K_ASSETS_IT_DUE,	"assets.it_due",		T_LIST) \
	X(K_ITDUE_ID,		"assets.it_due[].id",		T_STRING) \
	X(K_ITDUE_NAME,		"assets.it_due[].name",		T_STRING) \
	X(K_ITDUE_KIND,		"assets.it_due[].kind",		T_STRING) \
	X(K_ITDUE_PRODUCT,	"assets.it_due[].product",	T_STRING) \
	X(K_ITDUE_VENDOR,	"assets.it_due[].vendor",	T_STRING) \
	X(K_ITDUE_WHAT,		"assets.it_due[].what",		T_STRING) \
	X(K_ITDUE_DATE,		"assets.it_due[].date",		T_DATE) \
	X(K_ITDUE_STATE,	"assets.it_due[].state",	T_STRING) \
	X(K_ITDUE_DAYS,		"assets.it_due[].days",		T_INT) \
	X(K_ASSETS_IMPORTANT,	"assets.important",		T_LIST) \
	X(K_IMP_NAME,		"assets.important[].name",	T_STRING) \
	X(K_IMP_CATEGORY,	"assets.important[].category",	T_STRING) \
	X(K_IMP_MEDIA,		"assets.important[].media",	T_STRING) \
	X(K_IMP_PERSONAL,	"assets.important[].personal",	T_STRING) \
	X(K_IMP_LEVEL,		"assets.important[].level",	T_STRING) \
	X(K_ASSETS_CATEGORIES,	"assets.categories",		T_LIST) \
	X(K_ASSETS_MEDIA_USED,	"assets.media_used",		T_LIST)

#define PROFILE_KEYS(X) \
	PROFILE_KEYS_CORE(X) \
	PROFILE_KEYS_POLICY(X) \
	PROFILE_KEYS_ORG(X) \
	PROFILE_KEYS_ASSESSMENT(X) \
	PROFILE_KEYS_FORMS(X) \
	PROFILE_KEYS_ASSETS(X)

enum pkey {
#define PKEY_ENUM(id, path, type) id,
	PROFILE_KEYS(PKEY_ENUM)
#undef PKEY_ENUM
	K__COUNT
};

/*
 * A list of paths some C code reads in a YAML file, with the types it
 * expects: PROFILE_KEYS here, and the lists of the other files kitei
 * reads (the registry in docset.c, the self-assessment data in
 * assess_data.h) all become such a table.
 */
struct key_row {
	const char	*path;
	enum stype	 type;
};

/* The last key of a dotted path ("a.b[].c" -> "c"). */
const char	*key_leaf(const char *path);
/*
 * Checks that each of the n rows exists in the schema at root with its
 * type; reports every one that does not as diagnostic id at schema_dir
 * (with what and the file to fix as its first and last arguments when
 * id is E_FILE_KEY_MISSING).  0, or -1 after reporting.
 */
int		 key_rows_check(const struct key_row *rows, size_t n,
		    const struct schema *root, const char *schema_dir,
		    const char *what, const char *fix, struct diags *d);

/* The dotted path of k. */
const char	*pkey_path(enum pkey k);
/* Its last key: what to look up in an item or a map reached another way. */
const char	*pkey_leaf(enum pkey k);
/* Checks every key against the schema; 0, or -1 after reporting. */
int		 keys_check(const struct schema *root, const char *schema_dir,
		    struct diags *d);

#endif
