/*
 * drivers/font.h: the built-in 8x16 console font.
 *
 * The table is generated at build time by scripts/psf2c.py from a PSF
 * console font (build/gen/font8x16.c).  It is indexed by Unicode code point
 * U+0000..U+00FF (ASCII and Latin-1); each glyph is 16 rows of one byte,
 * top row first, bit 7 the leftmost pixel.  Control characters have a blank
 * glyph and characters the source font lacks show as '?'.  Read-only.
 */
#pragma once
#include "kernel/types.h"

#define FONT_WIDTH	8
#define FONT_HEIGHT	16

extern const uint8_t font8x16[256][FONT_HEIGHT];
