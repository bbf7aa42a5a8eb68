/*
 * pdf_mem.c: libharu's two byte-moving helpers, done by the C library.
 *
 * libharu 2.3.0 moves every byte of a PDF through HPDF_MemCpy and
 * HPDF_MemSet (memory streams, page buffers, the file it writes), and both are
 * plain byte-at-a-time loops: a profile of a whole-set build showed them
 * at about a tenth of kitei's time.  The library calls them through its
 * PLT, so the definitions here, in the executable, are the ones it uses
 * (ELF symbol interposition; the linker exports them because libhpdf
 * refers to them).  They keep libharu's contract exactly: the same bytes
 * end up in the same places and each returns the end of what it wrote.
 * Its one copy between overlapping areas (Type 1 font parsing, unused
 * here) moves bytes towards the start, which memmove does just as the
 * forward loop did.
 */
#include <string.h>
#include <hpdf.h>
#include <hpdf_utils.h>

HPDF_BYTE *
HPDF_MemCpy(HPDF_BYTE *out, const HPDF_BYTE *in, HPDF_UINT n)
{
	/* A small fixed-size copy is a load and a store. */
	if (n == 2)
		memcpy(out, in, 2);
	else if (n == 4)
		memcpy(out, in, 4);
	else if (n > 0)
		memmove(out, in, n);
	return out + n;
}

void *
HPDF_MemSet(void *s, HPDF_BYTE c, HPDF_UINT n)
{
	if (n > 0)
		memset(s, c, n);
	return (HPDF_BYTE *)s + n;
}
