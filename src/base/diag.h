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

#include "base/strmap.h"

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
	X(E_TOO_LARGE_GREW,  SEV_ERROR,   "ファイルが読み込み中に上限 %zu バイトを超えました") \
	X(E_NOT_FILE,        SEV_ERROR,   "通常のファイルではないため読みません（%s）") \
	X(E_BYTES,           SEV_ERROR,   "UTF-8、CP932、EUC-JP のどれとしても解釈できないバイト 0x%02X があります") \
	X(E_BYTES_IN,        SEV_ERROR,   "%s として解釈できないバイト 0x%02X があります") \
	X(W_DECODED,         SEV_WARNING, "UTF-8 ではないため %s として読み込みました") \
	X(E_EMPTY,           SEV_ERROR,   "ファイルが空です") \
	X(E_CONTROL,         SEV_ERROR,   "制御文字 U+%04X は使えません") \
	X(E_PROFILE_NAME,    SEV_ERROR,   "プロファイルの名前 %s は使えません（出力フォルダの名前になるため、英数字と . _ - だけで、英数字で始めてください）") \
	/* YAML */ \
	X(E_YAML,            SEV_ERROR,   "YAML の構文エラー: %s") \
	X(E_YAML_TAB,        SEV_ERROR,   "YAML の字下げにタブ文字は使えません") \
	X(E_YAML_ALIAS,      SEV_ERROR,   "アンカーとエイリアス（& と *）は使えません") \
	X(E_YAML_DEPTH,      SEV_ERROR,   "入れ子が深すぎます（上限 %d 段）") \
	X(E_YAML_NODES,      SEV_ERROR,   "値の数が多すぎます（上限 %d 個）") \
	X(E_YAML_TAG,        SEV_ERROR,   "タグ %s は使えません（値は文字のまま書いてください）") \
	X(E_YAML_NUL,        SEV_ERROR,   "キーと値に NUL 文字（\\0）は使えません") \
	X(E_YAML_LONG,       SEV_ERROR,   "値が長すぎます（%zu バイト、上限 %d バイト）") \
	X(E_YAML_MULTIDOC,   SEV_ERROR,   "1 つのファイルに複数の YAML 文書があります") \
	X(E_YAML_KEY,        SEV_ERROR,   "マップのキーは文字列でなければなりません") \
	X(E_YAML_DUPKEY,     SEV_ERROR,   "キー %s が重複しています（%d 行目にもあります）") \
	X(E_ROOT,            SEV_ERROR,   "ファイルの最上位は「キー: 値」のマップでなければなりません（%sが書かれています）") \
	/* schema */ \
	X(E_SCHEMA_STRING,   SEV_ERROR,   "スキーマの誤り: この項目には文字列を書いてください") \
	X(E_SCHEMA_NEEDS,    SEV_ERROR,   "スキーマの誤り: %s には %s が必要です") \
	X(E_SCHEMA_MISSING,  SEV_ERROR,   "スキーマの誤り: %sがありません") \
	X(E_SCHEMA_DESC,     SEV_ERROR,   "スキーマの誤り: キーの説明はマップで書いてください") \
	X(E_SCHEMA_BOOL,     SEV_ERROR,   "スキーマの誤り: %s は true か false です") \
	X(E_SCHEMA_ROOT,     SEV_ERROR,   "スキーマの誤り: 最上位はマップです") \
	X(E_SCHEMA_TYPE,     SEV_ERROR,   "スキーマの誤り: 不明な型 %s") \
	X(E_SCHEMA_FIELD,    SEV_ERROR,   "スキーマの誤り: 説明に使えない項目 %s") \
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
	X(E_DERIVED,         SEV_ERROR,   "%s は kitei が計算する値なので、プロファイルには書けません") \
	X(E_KEY_MISSING,     SEV_ERROR,   "kitei が読むキー %s がスキーマにないか、型が違います（スキーマを変えたときは src/profile/keys.h も直してください）") \
	X(E_FILE_KEY_MISSING, SEV_ERROR,   "kitei が読む%sのキー %s がスキーマにないか、型が違います（スキーマを変えたときは %s も直してください）") \
	/* distribution, roster and pledges (distribution.yaml) */ \
	X(E_CSV_UNCLOSED,    SEV_ERROR,   "CSV の誤り: 引用符 \" が閉じられていません") \
	X(E_CSV_AFTER_QUOTE, SEV_ERROR,   "CSV の誤り: 閉じた引用符の後には , か改行が必要です") \
	X(E_CSV_STRAY_QUOTE, SEV_ERROR,   "CSV の誤り: 引用符 \" は値全体を囲むときだけ使えます（値の中の \" は \"\" と書きます）") \
	X(E_LIMIT_CSV_ROWS,  SEV_ERROR,   "CSV の行の数が上限を超えています（%zu、上限 %zu）") \
	X(E_LIMIT_CSV_CELLS, SEV_ERROR,   "CSV の 1 行の列の数が上限を超えています（%zu、上限 %zu）") \
	X(E_ROSTER_FILE,     SEV_ERROR,   "名簿 %s は会社のフォルダにあるファイル名だけで指定してください（/ や .. は使えません）") \
	X(E_ROSTER_COLUMN,   SEV_ERROR,   "名簿の 1 行目に列「%s」がありません（必要な列: 社員番号, 氏名, 所属。任意: 入社日, 退職日）") \
	X(E_ROSTER_CELLS,    SEV_ERROR,   "この行は %zu 列ですが、1 行目は %zu 列です") \
	X(E_ROSTER_EMPTY,    SEV_ERROR,   "「%s」が空です") \
	X(E_ROSTER_DATE,     SEV_ERROR,   "「%s」の %s は日付ではありません（2025-04-01 か 2025/4/1 と書いてください）") \
	X(E_PERSON_UNKNOWN,  SEV_ERROR,   "%s は people の id にも名簿の社員番号にもありません（名簿にない人は氏名をそのまま書いてください）") \
	X(E_NUMBER_FORMAT,   SEV_ERROR,   "配布番号の書式 %s を解釈できません（使える項目: {doc} {version} {no} {no:03}）") \
	X(E_NOT_DISTRIBUTED, SEV_ERROR,   "%s は distribution.documents にない文書です（配布番号を付けて配る文書を documents に加えてください）") \
	X(E_NUMBER_DUP,      SEV_ERROR,   "配布番号 %s が重複しています（%d 行目にもあります）") \
	X(W_RECEIPT_MISSING, SEV_WARNING, "%s さんから%s 第%s版（%s）の受領確認書を回収していません") \
	X(W_NO_COPY,         SEV_WARNING, "名簿の %s さんに%s 第%s版が配布されていません") \
	X(W_OLD_VERSION_ONLY,SEV_WARNING, "%s さんは%sの旧版（第%s版）だけを持っています（第%s版を配布し、旧版を回収してください）") \
	X(W_PLEDGE_MISSING,  SEV_WARNING, "%s さん（%s）から入社時の誓約書の提出を受けた記録がありません") \
	/* document registry (templates/documents.yaml) */ \
	X(E_REGISTRY_KEY,    SEV_ERROR,   "%s: プロファイルのスキーマにキー %s がありません") \
	X(E_REGISTRY_TYPE,   SEV_ERROR,   "%s: キー %s の型がこの項目に合いません") \
	X(E_REGISTRY_WORKBOOK,SEV_ERROR,  "workbook: %s は kitei の知らないブックです（使える名前: %s）") \
	X(E_REGISTRY_TEMPLATE,SEV_ERROR,  "文書 %s は PDF か HTML を出すので template: が必要です") \
	X(E_REGISTRY_ID,     SEV_ERROR,   "文書の id %s には英小文字・数字・ハイフンだけを使ってください（40 字まで）") \
	/* asset ledger and risk analysis (assets:, its CSV) */ \
	X(E_CSV_HEADING,     SEV_ERROR,   "列見出し「%s」は%sの列にありません") \
	X(E_CSV_DUP_HEADING, SEV_ERROR,   "列見出し「%s」が 2 回あります") \
	X(E_CSV_NO_COLUMN,   SEV_ERROR,   "%sの CSV に必須の列「%s」がありません") \
	X(E_CSV_CELL,        SEV_ERROR,   "「%s」の欄に「%s」は使えません（%s）") \
	X(E_CSV_EMPTY_CELL,  SEV_ERROR,   "「%s」の欄が空です（%s）") \
	X(E_CSV_FIELDS,      SEV_ERROR,   "この行は欄が %zu 個あり、見出しの %zu 個より多くなっています") \
	X(E_LEDGER_CSV_PATH, SEV_ERROR,   "%s の %s は会社のフォルダの中のファイル名で書いてください") \
	X(E_RISK_TABLE,      SEV_ERROR,   "換算表は 3 行で、各行に 1〜3 の値を 3 つ書いてください") \
	X(E_RISK_THRESHOLDS, SEV_ERROR,   "risk.medium（%s）は risk.high（%s）以下にしてください") \
	X(W_ASSET_MEDIUM,    SEV_WARNING, "媒体・保存先 %s は assets.media にないため、この行はリスク値を算定せず「未評価」とします") \
	X(W_ASSET_TREATMENT, SEV_WARNING, "%s（%s）はリスク値 %s で判定が%sですが、対応（低減・保有・回避・移転）が決まっていません") \
	X(W_ASSET_MEASURE,   SEV_WARNING, "%s の対策に%sがありません") \
	X(W_ASSET_DUE,       SEV_WARNING, "%s の対策の期限 %s が登録日 %s より前です") \
	X(W_IT_SUPPORT_END,  SEV_WARNING, "%s のサポート期限 %s は基準日 %s を過ぎています") \
	X(H_ASSET_MEDIA,     SEV_HINT,    "使える媒体: %s") \
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
	X(E_BLOCK_KIND,      SEV_ERROR,   "```%s という kitei のブロックはありません（kitei-pagebreak, kitei-chart, kitei-grid, kitei-form）") \
	X(E_BLOCK_LINE,      SEV_ERROR,   "ブロックの行「%s」を解釈できません（%s）") \
	X(E_MD_NESTING,      SEV_ERROR,   "引用・リスト・強調などの入れ子が深すぎます（上限 %d 段）") \
	X(E_MD_BRACKETS,     SEV_ERROR,   "1 つの段落の「[」が多すぎます（上限 %d 個）") \
	X(E_MD_PIPES,        SEV_ERROR,   "1 行の「|」が多すぎます（上限 %d 個）") \
	X(E_MD_LONG_HEADING, SEV_ERROR,   "見出しが長すぎます（%zu バイト、上限 %d バイト）") \
	X(E_MD_LONG_URL,     SEV_ERROR,   "リンク先が長すぎます（%zu バイト、上限 %d バイト）") \
	X(W_RAW_HTML,        SEV_WARNING, "HTML タグは出力されません（文字としても出しません）") \
	X(E_FONT,            SEV_ERROR,   "フォント %s を読めません: %s") \
	X(E_GLYPH,           SEV_ERROR,   "文字「%s」(U+%04X) はフォント %s にありません") \
	X(W_GLYPH_SUBST,     SEV_WARNING, "文字「%s」(U+%04X) はどのフォントにもないため「%s」に置き換えました") \
	X(E_LIMIT_LENGTH,    SEV_ERROR,   "文書の長さが上限を超えています（%zu、上限 %zu）") \
	X(E_LIMIT_PAGES,     SEV_ERROR,   "ページ数が上限を超えています（%zu、上限 %zu）") \
	X(E_LIMIT_CELLS,     SEV_ERROR,   "表のセル数が上限を超えています（%zu、上限 %zu）") \
	X(E_LIMIT_OUTPUT,    SEV_ERROR,   "展開結果の大きさが上限を超えています（%zu、上限 %zu）") \
	X(E_LIMIT_INCLUDES,  SEV_ERROR,   "取り込みの深さが上限を超えています（%zu、上限 %zu）") \
	X(E_TABLE_WIDE,      SEV_ERROR,   "表の列が多すぎて紙面の幅に収まりません（%d 列、1 列 1 文字でも %.0f mm 必要ですが、本文の幅は %.0f mm です）") \
	X(E_PDF,             SEV_ERROR,   "PDF の生成に失敗しました（libharu エラー 0x%04X）") \
	X(E_XLSX,            SEV_ERROR,   "Excel ファイルを書けません: %s") \
	/* self-assessment (自社診断) and its answer CSV */ \
	X(E_DATA_ITEM_ORDER, SEV_ERROR,   "自社診断のデータの誤り: 設問は 1 から順に並べてください（no: %s）") \
	X(E_DATA_ITEM_COUNT, SEV_ERROR,   "自社診断のデータの誤り: 設問は 25 個です（%zu 個あります）") \
	X(E_DATA_CHAPTER,    SEV_ERROR,   "自社診断のデータの誤り: 規程の章 %s は文書登録簿にありません") \
	X(E_ORDER,           SEV_ERROR,   "%s の %s は前の項目の %s（%d 行目）より前です（古い順に並べてください）") \
	X(E_ASSESS_WHO,      SEV_ERROR,   "回答者には person（people の id）か name のどちらか一方を書いてください") \
	X(E_ASSESS_SOURCE,   SEV_ERROR,   "実施回 %s には respondents か csv のどちらか一方を書いてください") \
	X(E_CSV_PATH,        SEV_ERROR,   "回答の CSV %s は会社のフォルダーの中を相対パスで指してください") \
	X(E_CSV_HEADER,      SEV_ERROR,   "見出し行（先頭の列が No の行）がありません") \
	X(E_CSV_NORESP,      SEV_ERROR,   "見出し行に回答者の列がありません") \
	X(E_CSV_ITEM,        SEV_ERROR,   "設問番号 %s は 1〜25 の数ではありません") \
	X(E_CSV_DUP,         SEV_ERROR,   "設問 %d の行が重複しています（%d 行目にもあります）") \
	X(E_CSV_ANSWER,      SEV_ERROR,   "回答「%s」は使えません（実施している／一部実施している／実施していない／わからない）") \
	X(E_CSV_MISSING,     SEV_ERROR,   "%s の回答に設問 %s がありません") \
	/* output */ \
	X(E_OUTPUT,          SEV_ERROR,   "%s に書き込めません: %s") \
	X(E_OUTPUT_NOT_FILE, SEV_ERROR,   "通常のファイルではないため置き換えません（%s）") \
	X(E_NOMEM,           SEV_ERROR,   "メモリが足りません") \
	X(E_STDOUT,          SEV_ERROR,   "標準出力に書き込めません: %s") \
	X(E_TOO_MANY,        SEV_ERROR,   "エラーが多すぎるため、以降は表示しません") \
	X(W_MORE_OF_KIND,    SEV_WARNING, "同じ種類の警告（%s）がほかに %d 件あります（表示は %d 件まで）") \
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
	X(H_DECODED_BOTH,    SEV_HINT,    "%s としても読めますが、%s として読む方が日本語の文として自然です") \
	X(H_DECODED_ONLY,    SEV_HINT,    "%s としては読めないバイトがあります") \
	X(H_BEST_READING,    SEV_HINT,    "%s として読むと、この位置の手前までは読めます") \
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
	struct strmap seen_map;
	/* warnings of each kind shown, and past the cap counted only */
	int	 kind_shown[DIAG__COUNT];
	int	 kind_hidden[DIAG__COUNT];
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
/*
 * Hands over what from collected while holding (work done on another
 * thread): its messages, sorted as diags_release() sorts them, go to d as
 * if reported there (printed or held, each once, floods capped), and its
 * counts are added to d's.  from is still freed with diags_free().
 */
void	diags_merge(struct diags *d, struct diags *from);
/*
 * Prints how many warnings of each kind were not shown because of the
 * cap of DIAG_MAX_PER_KIND (call once, at the end of a run).
 */
void	diags_summary(struct diags *d);
void	diags_free(struct diags *d);
/* The text of a catalogue entry (for a message printed without a run). */
const char   *diag_text(enum diag_id id);

#endif
