/*
 * png-pixels.c — a test helper for tests/html.sh: counts the pixels of one
 * colour in a PNG screenshot, so the test can tell whether the radar chart
 * was drawn. Reads 8-bit RGB or RGBA PNGs without interlacing (what Chromium
 * writes), with zlib for the inflating.
 *
 *   png-pixels FILE RRGGBB [X0 Y0 X1 Y1]
 *
 * prints "WIDTH HEIGHT COUNT MINX MINY MAXX MAXY": the image size, the number
 * of pixels of exactly that colour (alpha ignored) inside the region (the
 * whole image by default; X1 and Y1 exclusive) and their bounding box
 * (-1 -1 -1 -1 when there are none). Exit status 2 when the file cannot be
 * read as such a PNG.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

static int fail(const char *message, const char *path) {
    fprintf(stderr, "png-pixels: %s: %s\n", path, message);
    return 2;
}

static uint32_t read_u32(const unsigned char *bytes) {
    return (uint32_t)bytes[0] << 24 | (uint32_t)bytes[1] << 16 | (uint32_t)bytes[2] << 8 | bytes[3];
}

static unsigned char *read_file(const char *path, size_t *size) {
    FILE *file = fopen(path, "rb");
    if (!file) return NULL;
    size_t capacity = 1 << 16, used = 0;
    unsigned char *data = malloc(capacity);
    size_t got;
    while (data && (got = fread(data + used, 1, capacity - used, file)) > 0) {
        used += got;
        if (used == capacity) {
            unsigned char *bigger = realloc(data, capacity *= 2);
            if (!bigger) free(data);
            data = bigger;
        }
    }
    fclose(file);
    *size = used;
    return data;
}

static int paeth(int left, int up, int up_left) {
    int estimate = left + up - up_left;
    int to_left = abs(estimate - left), to_up = abs(estimate - up), to_up_left = abs(estimate - up_left);
    if (to_left <= to_up && to_left <= to_up_left) return left;
    return to_up <= to_up_left ? up : up_left;
}

/* Undo the per-row filters in place; rows are 1 filter byte + stride bytes. */
static int unfilter(unsigned char *rows, uint32_t height, size_t stride, size_t pixel) {
    for (uint32_t y = 0; y < height; y++) {
        unsigned char *row = rows + y * (stride + 1);
        unsigned char *line = row + 1;
        const unsigned char *previous = y ? rows + (y - 1) * (stride + 1) + 1 : NULL;
        for (size_t x = 0; x < stride; x++) {
            int left = x >= pixel ? line[x - pixel] : 0;
            int up = previous ? previous[x] : 0;
            int up_left = previous && x >= pixel ? previous[x - pixel] : 0;
            switch (row[0]) {
            case 0: break;
            case 1: line[x] = (unsigned char)(line[x] + left); break;
            case 2: line[x] = (unsigned char)(line[x] + up); break;
            case 3: line[x] = (unsigned char)(line[x] + (left + up) / 2); break;
            case 4: line[x] = (unsigned char)(line[x] + paeth(left, up, up_left)); break;
            default: return 0;
            }
        }
    }
    return 1;
}

int main(int argc, char **argv) {
    if (argc != 3 && argc != 7) {
        fputs("usage: png-pixels FILE RRGGBB [X0 Y0 X1 Y1]\n", stderr);
        return 2;
    }
    unsigned long colour = strtoul(argv[2], NULL, 16);
    size_t size;
    unsigned char *data = read_file(argv[1], &size);
    if (!data) return fail("cannot read", argv[1]);
    static const unsigned char signature[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    if (size < 8 || memcmp(data, signature, 8) != 0) return fail("not a PNG", argv[1]);
    uint32_t width = 0, height = 0;
    int colour_type = -1;
    unsigned char *compressed = NULL;
    size_t compressed_size = 0;
    for (size_t at = 8; at + 12 <= size;) {
        uint32_t length = read_u32(data + at);
        const unsigned char *type = data + at + 4, *body = data + at + 8;
        if (length > size - at - 12) return fail("truncated chunk", argv[1]);
        if (!memcmp(type, "IHDR", 4) && length >= 13) {
            width = read_u32(body);
            height = read_u32(body + 4);
            colour_type = body[9];
            if (body[8] != 8 || (colour_type != 2 && colour_type != 6) || body[12] != 0)
                return fail("only 8-bit RGB or RGBA without interlacing is read", argv[1]);
        } else if (!memcmp(type, "IDAT", 4)) {
            unsigned char *bigger = realloc(compressed, compressed_size + length + 1);
            if (!bigger) return fail("out of memory", argv[1]);
            compressed = bigger;
            memcpy(compressed + compressed_size, body, length);
            compressed_size += length;
        } else if (!memcmp(type, "IEND", 4)) {
            break;
        }
        at += 12 + (size_t)length;
    }
    if (colour_type < 0 || !compressed || width == 0 || height == 0 || width > 20000 || height > 20000)
        return fail("no image data", argv[1]);
    size_t pixel = colour_type == 6 ? 4 : 3, stride = (size_t)width * pixel;
    uLongf raw_size = (uLongf)((stride + 1) * height);
    unsigned char *rows = malloc(raw_size);
    if (!rows || uncompress(rows, &raw_size, compressed, (uLong)compressed_size) != Z_OK ||
        raw_size != (stride + 1) * height)
        return fail("cannot inflate the image data", argv[1]);
    if (!unfilter(rows, height, stride, pixel)) return fail("bad filter type", argv[1]);
    long x0 = 0, y0 = 0, x1 = width, y1 = height;
    if (argc == 7) {
        x0 = strtol(argv[3], NULL, 10), y0 = strtol(argv[4], NULL, 10);
        x1 = strtol(argv[5], NULL, 10), y1 = strtol(argv[6], NULL, 10);
        if (x0 < 0) x0 = 0;
        if (y0 < 0) y0 = 0;
        if (x1 > (long)width) x1 = width;
        if (y1 > (long)height) y1 = height;
    }
    long count = 0, min_x = -1, min_y = -1, max_x = -1, max_y = -1;
    for (long y = y0; y < y1; y++) {
        const unsigned char *line = rows + (size_t)y * (stride + 1) + 1;
        for (long x = x0; x < x1; x++) {
            const unsigned char *at = line + (size_t)x * pixel;
            unsigned long found = (unsigned long)at[0] << 16 | (unsigned long)at[1] << 8 | at[2];
            if (found != colour) continue;
            if (count++ == 0) min_x = max_x = x, min_y = max_y = y;
            if (x < min_x) min_x = x;
            if (x > max_x) max_x = x;
            if (y > max_y) max_y = y;
        }
    }
    printf("%lu %lu %ld %ld %ld %ld %ld\n", (unsigned long)width, (unsigned long)height, count,
           min_x, min_y, max_x, max_y);
    free(rows);
    free(compressed);
    free(data);
    return 0;
}
