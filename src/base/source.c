/*
 * source.c: reading input files and converting legacy Japanese encodings.
 * Excel and older Windows editors still save CP932; some Unix tools EUC-JP.
 * Conversion uses glibc's iconv.  Positions in messages always refer to the
 * decoded text, which has the same lines as the file.
 *
 * Only regular files are read, and never more than SOURCE_MAX_BYTES + 1
 * bytes of one: a FIFO, a device (/dev/zero) or a folder is refused
 * before any byte is read, and a file over the limit is refused from its
 * size, so no input can make kitei wait or grow without bound.
 */
#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/source.h"
#include "base/util.h"

int
encoding_parse(const char *name, enum encoding *out)
{
	static const struct { const char *name; enum encoding enc; } names[] = {
		{ "auto", ENC_AUTO }, { "utf-8", ENC_UTF8 }, { "utf8", ENC_UTF8 },
		{ "cp932", ENC_CP932 }, { "shift_jis", ENC_CP932 },
		{ "sjis", ENC_CP932 }, { "windows-31j", ENC_CP932 },
		{ "euc-jp", ENC_EUCJP }, { "eucjp", ENC_EUCJP },
	};
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcasecmp(name, names[i].name) == 0) {
			*out = names[i].enc;
			return 0;
		}
	return -1;
}

static const char *
iconv_name(enum encoding enc)
{
	return enc == ENC_EUCJP ? "EUC-JP" : "CP932";
}

struct pos
source_pos(const struct source *src, size_t offset)
{
	struct pos p = { src->path, 1, 1 };
	size_t i, line_start = 0;

	if (offset > src->len)
		offset = src->len;
	for (i = 0; i < offset; i++)
		if (src->text[i] == '\n') {
			p.line++;
			line_start = i + 1;
		}
	p.col = 1 + (int)utf8_count(src->text + line_start, offset - line_start);
	return p;
}

/* The position of a bad byte at raw[bad], given the decoded prefix. */
static struct pos
bad_byte_pos(const char *path, const char *decoded, size_t dlen)
{
	struct source tmp = { (char *)path, (char *)decoded, dlen };

	return source_pos(&tmp, dlen);
}

static const char *
encoding_label(enum encoding enc)
{
	return enc == ENC_EUCJP ? "EUC-JP" : enc == ENC_CP932 ? "CP932" :
	    "UTF-8";
}

/*
 * Converts raw to UTF-8.  On failure reports the offending byte unless
 * quiet, and returns -1.
 */
static int
convert(enum encoding enc, const char *path, const char *raw, size_t len,
    struct buf *out, struct diags *d, int quiet, size_t *consumed)
{
	iconv_t cd = iconv_open("UTF-8", iconv_name(enc));
	char *in = (char *)raw, *o;
	size_t inleft = len, oleft, r;

	if (cd == (iconv_t)-1) {
		if (!quiet)
			diag(d, E_OPEN, (struct pos){ path, 0, 0 },
			    errno_text(errno));
		return -1;
	}
	while (inleft > 0) {
		buf_grow(out, inleft * 3 + 16);
		o = out->p + out->n;
		oleft = out->cap - out->n - 1;
		r = iconv(cd, &in, &inleft, &o, &oleft);
		out->n = (size_t)(o - out->p);
		out->p[out->n] = '\0';
		if (r == (size_t)-1 && errno != E2BIG) {
			if (consumed != NULL)
				*consumed = (size_t)(in - raw);
			if (!quiet)
				diag(d, E_BYTES_IN, bad_byte_pos(path, out->p,
				    out->n), encoding_label(enc),
				    (unsigned char)*in);
			iconv_close(cd);
			return -1;
		}
	}
	iconv_close(cd);
	return 0;
}

void
source_from_text(struct source *src, const char *path, const char *text,
    size_t len)
{
	src->path = xstrdup(path);
	src->text = xstrndup(text, len);
	src->len = len;
}

/*
 * How much a decoding reads like Japanese: hiragana counts most (every
 * Japanese sentence has it), kana, CJK punctuation and kanji count, and
 * what a wrong guess produces counts against it: Greek, Cyrillic and box
 * drawing (EUC-JP rows 6-8), private use, U+FFFD.  Half-width katakana
 * letters count a little, their punctuation (､ ･ ｢ …, what EUC-JP
 * hiragana read as CP932 begins with) against.  A CP932 file of
 * half-width kana only thus beats the "kanji soup" its bytes make as
 * EUC-JP, and EUC-JP text beats its CP932 reading.
 */
static long
plausibility(const char *s, size_t len)
{
	size_t i = 0;
	long score = 0;
	uint32_t c;

	while (i < len) {
		c = utf8_next(s, len, &i);
		if (c >= 0x3041 && c <= 0x309F)
			score += 3;
		else if ((c >= 0x30A0 && c <= 0x30FF) ||
		    (c >= 0x3000 && c <= 0x303F) || (c >= 0xFF01 && c <= 0xFF5E))
			score += 2;
		else if ((c >= 0x4E00 && c <= 0x9FFF) ||
		    (c >= 0xFF66 && c <= 0xFF9F))
			score += 1;
		else if (c >= 0xFF61 && c <= 0xFF65)
			score -= 1;
		else if ((c >= 0x0370 && c <= 0x04FF) ||
		    (c >= 0x2500 && c <= 0x257F) ||
		    (c >= 0xE000 && c <= 0xF8FF) || c == 0xFFFD)
			score -= 3;
	}
	return score;
}

/* What auto-detection found, for the messages that explain it. */
struct reading {
	enum encoding	 enc;
	int		 ok;
	size_t		 consumed;	/* bytes read before the first bad one */
	struct buf	 text;
};

/*
 * Auto-detection of a file that is not UTF-8: CP932 (what Excel writes)
 * or EUC-JP.  A reading that decodes the whole file beats one that does
 * not; of two that do, the one that reads more like Japanese wins (CP932
 * on a tie).  Returns 0 with the text in out and the encoding in *enc,
 * after saying which was chosen and why; or -1 with both readings'
 * progress in r[].
 */
static int
detect_legacy(const char *path, const char *raw, size_t len, struct buf *out,
    enum encoding *enc, struct diags *d, struct reading r[2])
{
	struct pos fpos = { path, 0, 0 };
	int k, pick;

	r[0].enc = ENC_CP932;
	r[1].enc = ENC_EUCJP;
	for (k = 0; k < 2; k++) {
		memset(&r[k].text, 0, sizeof(r[k].text));
		r[k].consumed = len;
		r[k].ok = convert(r[k].enc, path, raw, len, &r[k].text, d, 1,
		    &r[k].consumed) == 0;
	}
	if (!r[0].ok && !r[1].ok)
		return -1;
	if (r[0].ok && r[1].ok)
		pick = plausibility(r[1].text.p, r[1].text.n) >
		    plausibility(r[0].text.p, r[0].text.n) ? 1 : 0;
	else
		pick = r[1].ok ? 1 : 0;
	*out = r[pick].text;
	*enc = r[pick].enc;
	buf_free(&r[1 - pick].text);
	diag(d, W_DECODED, fpos, pick ? "EUC-JP" : "CP932 (Shift_JIS)");
	if (r[1 - pick].ok)
		diag(d, H_DECODED_BOTH, fpos, encoding_label(r[1 - pick].enc),
		    encoding_label(r[pick].enc));
	else
		diag(d, H_DECODED_ONLY, fpos, encoding_label(r[1 - pick].enc));
	diag(d, H_ENCODING, fpos, pick ? "euc-jp" : "cp932");
	return 0;
}

/*
 * Reports the first bad byte of a file no encoding reads whole.  When
 * its UTF-8 part holds non-ASCII text it is UTF-8 with a bad line;
 * otherwise it is reported where the legacy reading that got furthest
 * stops (a CP932 file with one bad byte on line 12 is reported there,
 * not at its first Japanese character).
 */
static void
report_undecodable(const char *path, const char *raw, size_t len,
    size_t valid, struct reading r[2], struct diags *d)
{
	size_t i;
	int k, utf8_text = 0;

	for (i = 0; i < valid; i++)
		if ((unsigned char)raw[i] >= 0x80)
			utf8_text = 1;
	k = r[1].consumed > r[0].consumed ? 1 : 0;
	if (utf8_text || r[k].consumed <= valid || r[k].consumed >= len) {
		diag(d, E_BYTES, bad_byte_pos(path, raw, valid),
		    (unsigned char)raw[valid]);
		return;
	}
	diag(d, E_BYTES, bad_byte_pos(path, r[k].text.p, r[k].text.n),
	    (unsigned char)raw[r[k].consumed]);
	diag(d, H_BEST_READING, (struct pos){ path, 0, 0 },
	    encoding_label(r[k].enc));
}

int
source_control_char(const char *s, size_t len, size_t *at)
{
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') ||
		    c == 0x7F) {
			*at = i;
			return c;
		}
		/* C1 controls U+0080..U+009F: C2 80 .. C2 9F in UTF-8. */
		if (c == 0xC2 && i + 1 < len &&
		    (unsigned char)s[i + 1] >= 0x80 &&
		    (unsigned char)s[i + 1] <= 0x9F) {
			*at = i;
			return (unsigned char)s[i + 1];
		}
	}
	return -1;
}

/*
 * Control characters (C0 but tab and line ends, DEL, C1) mean nothing in
 * a document and some (ESC) act on terminals or browsers: one rule for
 * every input, an error at the first one.  0, or -1 with src emptied.
 */
static int
refuse_controls(struct source *src, struct diags *d)
{
	size_t at;
	int c = source_control_char(src->text, src->len, &at);

	if (c < 0)
		return 0;
	diag(d, E_CONTROL, source_pos(src, at), c);
	source_free(src);
	return -1;
}

const char *
source_file_kind(mode_t mode)
{
	if (S_ISDIR(mode))
		return "フォルダです";
	if (S_ISFIFO(mode))
		return "名前付きパイプ（FIFO）です";
	if (S_ISCHR(mode) || S_ISBLK(mode))
		return "デバイスです";
	if (S_ISSOCK(mode))
		return "ソケットです";
	return "通常のファイルではありません";
}

int
source_open(const char *path)
{
	/* O_NONBLOCK: opening a FIFO with no writer must not wait. */
	return open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
}

/*
 * Reads the regular file open at fd, at most SOURCE_MAX_BYTES + 1 bytes.
 * The text, NUL-terminated, with its length in *len; or NULL after
 * reporting why.
 */
static char *
read_limited(int fd, const char *path, size_t *len, struct diags *d)
{
	struct pos fpos = { path, 0, 0 };
	struct stat st;
	size_t cap, n = 0;
	ssize_t got;
	char *raw;

	if (fstat(fd, &st) != 0) {
		diag(d, E_OPEN, fpos, errno_text(errno));
		return NULL;
	}
	if (!S_ISREG(st.st_mode)) {
		diag(d, E_NOT_FILE, fpos, source_file_kind(st.st_mode));
		return NULL;
	}
	if ((unsigned long long)st.st_size > SOURCE_MAX_BYTES) {
		diag(d, E_TOO_LARGE, fpos, (size_t)st.st_size,
		    SOURCE_MAX_BYTES);
		return NULL;
	}
	/* One byte more than the limit tells a file that grew past it. */
	raw = xmalloc((size_t)st.st_size + 2);
	cap = (size_t)st.st_size + 1;
	for (;;) {
		if (n == cap) {
			if (cap > SOURCE_MAX_BYTES)
				break;
			cap = cap * 2 > SOURCE_MAX_BYTES + 1 ?
			    SOURCE_MAX_BYTES + 1 : cap * 2;
			raw = xrealloc(raw, cap + 1);
		}
		got = read(fd, raw + n, cap - n);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			diag(d, E_OPEN, fpos, errno_text(errno));
			free(raw);
			return NULL;
		}
		if (got == 0)
			break;
		n += (size_t)got;
	}
	if (n > SOURCE_MAX_BYTES) {
		diag(d, E_TOO_LARGE_GREW, fpos, SOURCE_MAX_BYTES);
		free(raw);
		return NULL;
	}
	raw[n] = '\0';
	*len = n;
	return raw;
}

int
source_load(struct source *src, const char *path, enum encoding enc,
    struct diags *d)
{
	int fd = source_open(path);

	if (fd < 0) {
		memset(src, 0, sizeof(*src));
		diag(d, E_OPEN, (struct pos){ path, 0, 0 }, errno_text(errno));
		return -1;
	}
	return source_load_fd(src, fd, path, enc, d);
}

int
source_load_fd(struct source *src, int fd, const char *path,
    enum encoding enc, struct diags *d)
{
	struct buf conv = {0};
	size_t len, valid;
	char *raw;

	memset(src, 0, sizeof(*src));
	raw = read_limited(fd, path, &len, d);
	close(fd);
	if (raw == NULL)
		return -1;
	if (enc == ENC_UTF8 || enc == ENC_AUTO) {
		size_t skip = len >= 3 && memcmp(raw, "\xEF\xBB\xBF", 3) == 0
		    ? 3 : 0;

		valid = utf8_valid_prefix(raw + skip, len - skip);
		if (valid == len - skip) {
			source_from_text(src, path, raw + skip, len - skip);
			free(raw);
			return refuse_controls(src, d);
		}
		if (enc == ENC_AUTO && skip == 0) {
			struct reading r[2];

			if (detect_legacy(path, raw, len, &conv, &enc, d,
			    r) == 0)
				goto done;
			report_undecodable(path, raw, len, valid, r, d);
			buf_free(&r[0].text);
			buf_free(&r[1].text);
		} else if (enc == ENC_AUTO)
			diag(d, E_BYTES, bad_byte_pos(path, raw + skip, valid),
			    (unsigned char)raw[skip + valid]);
		else
			diag(d, E_BYTES_IN, bad_byte_pos(path, raw + skip,
			    valid), "UTF-8", (unsigned char)raw[skip + valid]);
		free(raw);
		return -1;
	}
	buf_free(&conv);
	if (convert(enc, path, raw, len, &conv, d, 0, NULL) != 0) {
		buf_free(&conv);
		free(raw);
		return -1;
	}
done:
	src->path = xstrdup(path);
	src->len = conv.n;
	src->text = buf_take(&conv);
	free(raw);
	return refuse_controls(src, d);
}

void
source_free(struct source *src)
{
	free(src->path);
	free(src->text);
	memset(src, 0, sizeof(*src));
}
