/*
 * diag.h: the one catalogue of messages and the reporter that prints them
 * as "FILE:LINE:COL: error: text" (columns in characters, from 1).
 *
 * Every problem kitei reports is an entry of DIAG_CATALOGUE: its id, its
 * severity and its Japanese text.  Hints are entries too (severity HINT) and
 * print indented below the message they explain.  All problems are reported
 * in one run; the caller decides the exit status from diags_failed().
 */
#ifndef KITEI_DIAG_H
#define KITEI_DIAG_H

#include <stdio.h>

enum severity { SEV_HINT, SEV_WARNING, SEV_ERROR };

/* A place in an input file.  file points into storage the run owns. */
struct pos {
	const char	*file;
	int		 line;	/* from 1; 0 when unknown */
	int		 col;	/* in characters, from 1; 0 when unknown */
};

#define DIAG_CATALOGUE(X) \
	/* input files and encodings */ \
	X(E_OPEN,            SEV_ERROR,   "ファイルを読めません: %s") \
	X(E_TOO_LARGE,       SEV_ERROR,   "ファイルが大きすぎます（%zu バイト、上限 %zu バイト）") \
	X(E_BYTES,           SEV_ERROR,   "UTF-8、CP932、EUC-JP のどれとしても解釈できないバイト 0x%02X があります") \
	X(E_BYTES_IN,        SEV_ERROR,   "%s として解釈できないバイト 0x%02X があります") \
	X(W_DECODED,         SEV_WARNING, "UTF-8 ではないため %s として読み込みました") \
	X(E_EMPTY,           SEV_ERROR,   "ファイルが空です") \
	/* YAML */ \
	X(E_YAML,            SEV_ERROR,   "YAML の構文エラー: %s") \
	X(E_YAML_TAB,        SEV_ERROR,   "YAML の字下げにタブ文字は使えません") \
	X(E_YAML_ALIAS,      SEV_ERROR,   "アンカーとエイリアス（& と *）は使えません") \
	X(E_YAML_DEPTH,      SEV_ERROR,   "入れ子が深すぎます（上限 %d 段）") \
	X(E_YAML_NODES,      SEV_ERROR,   "値の数が多すぎます（上限 %d 個）") \
	X(E_YAML_MULTIDOC,   SEV_ERROR,   "1 つのファイルに複数の YAML 文書があります") \
	X(E_YAML_KEY,        SEV_ERROR,   "マップのキーは文字列でなければなりません") \
	X(E_YAML_DUPKEY,     SEV_ERROR,   "キー %s が重複しています（%d 行目にもあります）") \
	X(E_ROOT,            SEV_ERROR,   "ファイルの最上位は「キー: 値」のマップでなければなりません（%sが書かれています）") \
	/* schema */ \
	X(E_SCHEMA,          SEV_ERROR,   "スキーマの誤り: %s") \
	X(E_SCHEMA_WORD,     SEV_ERROR,   "スキーマの誤り: %s %s") \
	X(E_MISSING,         SEV_ERROR,   "必須のキー %s がありません") \
	X(E_EMPTY_VALUE,     SEV_ERROR,   "必須のキー %s の値が空です") \
	X(E_REQUIRED_WHEN,   SEV_ERROR,   "%s が true のときは %s が必要です") \
	X(E_ONLY_WHEN,       SEV_ERROR,   "%s は %s が true のときだけ指定できます") \
	X(E_TYPE,            SEV_ERROR,   "%s には%sを書いてください（%sが書かれています）") \
	X(E_ENUM,            SEV_ERROR,   "%s に %s は使えません") \
	X(E_DATE,            SEV_ERROR,   "%s の %s は日付ではありません") \
	X(E_INT_RANGE,       SEV_ERROR,   "%s の %s は範囲外です（%s）") \
	X(E_REF,             SEV_ERROR,   "%s の %s は %s の id にありません") \
	X(E_UNKNOWN_KEY,     SEV_ERROR,   "不明なキー %s") \
	X(E_DUP_ID,          SEV_ERROR,   "id %s が重複しています（%d 行目にもあります）") \
	/* templates */ \
	X(E_TPL_UNTERMINATED,SEV_ERROR,   "{{ が }} で閉じられていません") \
	X(E_TPL_TAG,         SEV_ERROR,   "タグ {{%s}} を解釈できません") \
	X(E_TPL_UNCLOSED,    SEV_ERROR,   "{{#%s}} が閉じられていません") \
	X(E_TPL_MISMATCH,    SEV_ERROR,   "{{/%s}} は {{#%s}} を閉じられません") \
	X(E_TPL_STRAY,       SEV_ERROR,   "対応する開きタグのない {{%s}} です") \
	X(E_TPL_ELSE_TWICE,  SEV_ERROR,   "{{#%s}} に 2 つ目の {{else}} があります") \
	X(E_TPL_ELSE_WITH,   SEV_ERROR,   "{{else}} は {{#with}} の中では使えません") \
	X(E_TPL_CMP,         SEV_ERROR,   "%s は%sなので、== で比べられません") \
	X(E_TPL_NAME,        SEV_ERROR,   "不明な名前 %s") \
	X(E_TPL_NOVALUE,     SEV_ERROR,   "%s に値がありません") \
	X(E_TPL_NOTSCALAR,   SEV_ERROR,   "%s は%sなので、そのまま出力できません") \
	X(E_TPL_NOTLIST,     SEV_ERROR,   "#each %s: リストではありません（%s）") \
	X(E_TPL_NOTMAP,      SEV_ERROR,   "#with %s: マップではありません（%s）") \
	X(E_TPL_FILTER,      SEV_ERROR,   "不明なフィルター %s") \
	X(E_TPL_FILTER_TYPE, SEV_ERROR,   "フィルター %s は%sに使えません") \
	X(E_TPL_INCLUDE,     SEV_ERROR,   "取り込むファイル %s がありません") \
	X(E_TPL_INCLUDE_PATH,SEV_ERROR,   "取り込むファイル %s は templates/ の外を指しています") \
	X(E_TPL_RECURSION,   SEV_ERROR,   "%s の取り込みが循環しています") \
	X(E_TPL_DEPTH,       SEV_ERROR,   "タグの入れ子が深すぎます（上限 %d 段）") \
	X(E_TPL_SLOT_NAME,   SEV_ERROR,   "スロット名 %s に使えない文字があります") \
	X(W_SLOT_UNUSED,     SEV_WARNING, "どのスロットにも対応しないため使われません") \
	X(W_SLOT_OMITTED,    SEV_WARNING, "スロット %s の「%s」の章は作成不要として収録しないため、このファイルは使われません") \
	X(E_TPL_NOT_ROLE,    SEV_ERROR,   "%s は役割でも章でもありません（スキーマのその項目に role: か title: がありません）") \
	X(E_CHAPTER_REF,     SEV_ERROR,   "「%s」の章を参照していますが、その章は作成不要のため収録されていません") \
	X(W_ROLE_ABSENT,     SEV_WARNING, "この組織にない役割「%s」に仕事を割り当てています（%s が false）") \
	/* the profile as a whole */ \
	X(E_CHAPTER_NEEDED,  SEV_ERROR,   "「%s」の章は作成不要にできません（%s）") \
	X(W_CHAPTER_NEEDED,  SEV_WARNING, "%sのに、「%s」の章が作成不要になっています") \
	X(W_CHAPTER_IGNORED, SEV_WARNING, "%s が false のため「%s」の章は収録されず、整備状況は作成不要と表示されます") \
	X(W_CLASS_MARK,      SEV_WARNING, "ヘッダーの機密区分の表示「%s」が、regulations.classes の区分名（%s）にありません") \
	X(W_NO_REVIEWER,     SEV_WARNING, "内部点検をとらない組織です。点検と重要な判断を確かめる社外の者を organization.reviewer に書いてください") \
	X(E_SLOT_LINK,       SEV_ERROR,   "%s はシンボリックリンクか、その先にあるため使いません（会社のフォルダの中の通常のファイルだけを読みます）") \
	/* Markdown, layout and fonts */ \
	X(W_RAW_HTML,        SEV_WARNING, "HTML タグは出力されません（文字としても出しません）") \
	X(E_FONT,            SEV_ERROR,   "フォント %s を読めません: %s") \
	X(E_GLYPH,           SEV_ERROR,   "文字「%s」(U+%04X) はフォント %s にありません") \
	X(W_GLYPH_SUBST,     SEV_WARNING, "文字「%s」(U+%04X) は PDF に埋め込めないため「%s」に置き換えました") \
	X(E_LIMIT,           SEV_ERROR,   "%sが上限を超えています（%zu、上限 %zu）") \
	X(E_PDF,             SEV_ERROR,   "PDF の生成に失敗しました（libharu エラー 0x%04X）") \
	/* output */ \
	X(E_OUTPUT,          SEV_ERROR,   "%s に書き込めません: %s") \
	X(E_TOO_MANY,        SEV_ERROR,   "エラーが多すぎるため、以降は表示しません") \
	/* hints */ \
	X(H_DID_YOU_MEAN,    SEV_HINT,    "もしかして %s ですか？") \
	X(H_ALLOWED,         SEV_HINT,    "使える値: %s") \
	X(H_TAB,             SEV_HINT,    "タブを半角スペースに置き換えてください") \
	X(H_DATE,            SEV_HINT,    "2025-04-01 のように YYYY-MM-DD で書いてください") \
	X(H_UNQUOTE,         SEV_HINT,    "引用符を外して %s と書いてください") \
	X(H_DAY_RANGE,       SEV_HINT,    "%d年%d月は%d日までです") \
	X(H_MONTH_RANGE,     SEV_HINT,    "月は 1 から 12 までです") \
	X(H_MAP_KEY,         SEV_HINT,    "{{ %s.%s }} のように中のキーを指定してください") \
	X(H_USE_IF,          SEV_HINT,    "{{#if %s}} … {{/if}} で囲むと、値があるときだけ出力できます") \
	X(H_USE_JOIN,        SEV_HINT,    "| join、| count か {{#each}} を使ってください") \
	X(H_OPENED_HERE,     SEV_HINT,    "%s:%d:%d で開かれています") \
	X(H_DEFINED_HERE,    SEV_HINT,    "定義済みの id: %s") \
	X(H_ENCODING,        SEV_HINT,    "--input-encoding %s で明示すると、この警告は出ません") \
	X(H_ADD_KEY,         SEV_HINT,    "%s:%d:%d の下に追加してください") \
	X(H_SLOT_NAMES,      SEV_HINT,    "スロット: %s") \
	X(H_PROFILE_AT,      SEV_HINT,    "%s は %s:%d:%d で決まっています") \
	X(H_CHAPTER_STATUS,  SEV_HINT,    "その章がないときは、本文の参照先がなくなります。既存の規程のままなら「対応なし」と書いてください")

enum diag_id {
#define DIAG_ENUM(id, sev, text) id,
	DIAG_CATALOGUE(DIAG_ENUM)
#undef DIAG_ENUM
	DIAG__COUNT
};

struct diag_entry;

struct diags {
	FILE	*out;		/* where messages go (stderr) */
	int	 errors;
	int	 warnings;
	int	 printed;	/* errors printed, to cap floods */
	int	 quiet_warnings;
	int	 hide_hints;	/* the message they belong to was not shown */
	/* messages held back by diags_hold(), to be printed in file order */
	struct diag_entry *held;
	size_t	 nheld, capheld;
	int	 holding;
	/* every message printed, to print none twice */
	char	**seen;
	size_t	 nseen, capseen;
};

void	diags_init(struct diags *d, FILE *out);
/* Reports message id at pos; the arguments fill its text. */
void	diag(struct diags *d, enum diag_id id, struct pos pos, ...);
int	diags_failed(const struct diags *d);
/*
 * Holds messages back until diags_release(), which prints them sorted by
 * file, line and column (the validator finds problems in schema order; the
 * author reads the file top to bottom).
 */
void	diags_hold(struct diags *d);
void	diags_release(struct diags *d);
void	diags_free(struct diags *d);
/* The severity and format of a catalogue entry (for tests and docs). */
enum severity diag_severity(enum diag_id id);
const char   *diag_text(enum diag_id id);

#endif
