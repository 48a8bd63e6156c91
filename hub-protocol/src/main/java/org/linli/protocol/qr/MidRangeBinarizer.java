package org.linli.protocol.qr;

import com.google.zxing.common.BitMatrix;

/**
 * Black and white for QR detection in a camera frame: a pixel is black where it is darker than the middle of the
 * darkest and the lightest spot around it (5×5 blocks of 8×8 pixels; where those are all alike, 11×11 blocks), and
 * white where even the wider neighbourhood is flat. Blur leaves the middle of the range where the edge was, so thin
 * modules keep their place (ZXing's hybrid binarizer compares with the local average, which a blurred pattern of
 * single modules sits on either side of). A spot is 2×2 pixels, and flat means a range of spots below six times the
 * frame's sensor noise, which is measured in each frame: noise on a wall never becomes speckle that the finder search
 * takes for codes (which also made a frame without a code slow: every speck was a candidate).
 */
final class MidRangeBinarizer {
    static final int BLOCK = 8;
    /** Below this range a neighbourhood is flat even in a frame without noise (ZXing's hybrid binarizer uses 24). */
    static final int MIN_RANGE = 24;
    /** The range of 2×2 means over a flat 40×40 pixels is about three times the noise of one pixel. */
    static final double NOISE_FACTOR = 6;

    private int[] blockMin = new int[0];
    private int[] blockMax = new int[0];
    private int[] scratchMin = new int[0];
    private int[] scratchMax = new int[0];
    private int[] nearMin = new int[0];
    private int[] nearMax = new int[0];
    private int[] farMin = new int[0];
    private int[] farMax = new int[0];
    private int[] thresholds = new int[0];
    private int blocksWide;
    private BitMatrix matrix;

    /**
     * Binarizes the frame; afterwards {@link #threshold} tells the grey level that separated black from white. The
     * matrix is reused by the next call (a camera loop's garbage stays small on the agent's 2 MB young generation).
     */
    BitMatrix binarize(byte[] luma, int stride, int width, int height) {
        // in sums of four pixels, as the blocks' extremes are kept
        int range = 4 * Math.max(MIN_RANGE, (int) Math.round(NOISE_FACTOR * noise(luma, stride, width, height)));
        blocksWide = (width + BLOCK - 1) / BLOCK;
        int blocksHigh = (height + BLOCK - 1) / BLOCK;
        int blocks = blocksWide * blocksHigh;
        if (blockMin.length < blocks) {
            blockMin = new int[blocks];
            blockMax = new int[blocks];
            scratchMin = new int[blocks];
            scratchMax = new int[blocks];
            nearMin = new int[blocks];
            nearMax = new int[blocks];
            farMin = new int[blocks];
            farMax = new int[blocks];
            thresholds = new int[blocks];
        }
        blockExtremes(luma, stride, width, height, blocksHigh);
        spread(2, blocksHigh, nearMin, nearMax);
        spread(5, blocksHigh, farMin, farMax);
        if (matrix == null || matrix.getWidth() != width || matrix.getHeight() != height) {
            matrix = new BitMatrix(width, height);
        } else {
            matrix.clear();
        }
        for (int by = 0; by < blocksHigh; by++) {
            for (int bx = 0; bx < blocksWide; bx++) {
                int b = by * blocksWide + bx;
                int threshold = 0;
                if (nearMax[b] - nearMin[b] >= range) {
                    threshold = (nearMax[b] + nearMin[b]) * 2;
                } else if (farMax[b] - farMin[b] >= range) {
                    threshold = (farMax[b] + farMin[b]) * 2;
                }
                thresholds[b] = threshold;
                if (threshold > 0) {
                    mark(luma, stride, matrix, bx * BLOCK, by * BLOCK, Math.min(width, bx * BLOCK + BLOCK),
                            Math.min(height, by * BLOCK + BLOCK), threshold);
                }
            }
        }
        return matrix;
    }

    /** The grey level that separated black from white at pixel (x, y) of the last frame; 0 where it was flat. */
    float threshold(int x, int y) {
        return thresholds[(y / BLOCK) * blocksWide + x / BLOCK] / 16f;
    }

    /**
     * The sensor noise's standard deviation in grey levels, from the median difference between horizontal neighbours
     * in every fourth row: most of a frame is wall, where that difference is noise alone.
     */
    static double noise(byte[] luma, int stride, int width, int height) {
        int[] histogram = new int[256];
        int count = 0;
        for (int y = 1; y < height; y += 4) {
            int row = y * stride;
            for (int x = 0; x + 1 < width; x += 2) {
                histogram[Math.abs((luma[row + x] & 0xff) - (luma[row + x + 1] & 0xff))]++;
                count++;
            }
        }
        int seen = 0;
        for (int d = 0; d < 256; d++) {
            seen += histogram[d];
            if (2 * seen >= count) {
                // the difference of two samples has sigma·√2; the median of its absolute value is 0.674 of that
                return d / 0.954;
            }
        }
        return 0;
    }

    /** Each block's darkest and lightest 2×2 spot, as sums of four pixels (a spot has half a pixel's noise). */
    private void blockExtremes(byte[] luma, int stride, int width, int height, int blocksHigh) {
        for (int by = 0; by < blocksHigh; by++) {
            int yEnd = Math.min(height, by * BLOCK + BLOCK);
            for (int bx = 0; bx < blocksWide; bx++) {
                int xEnd = Math.min(width, bx * BLOCK + BLOCK);
                int min = 1020;
                int max = 0;
                for (int y = by * BLOCK; y < yEnd; y += 2) {
                    int row = y * stride;
                    int below = y + 1 < height ? row + stride : row;
                    for (int x = bx * BLOCK; x < xEnd; x += 2) {
                        int right = x + 1 < width ? x + 1 : x;
                        int spot = (luma[row + x] & 0xff) + (luma[row + right] & 0xff) + (luma[below + x] & 0xff)
                                + (luma[below + right] & 0xff);
                        min = Math.min(min, spot);
                        max = Math.max(max, spot);
                    }
                }
                blockMin[by * blocksWide + bx] = min;
                blockMax[by * blocksWide + bx] = max;
            }
        }
    }

    /** Minimum and maximum over (2·reach+1)² blocks, along rows then along columns. */
    private void spread(int reach, int blocksHigh, int[] min, int[] max) {
        for (int by = 0; by < blocksHigh; by++) {
            for (int bx = 0; bx < blocksWide; bx++) {
                int lo = 1020;
                int hi = 0;
                for (int i = Math.max(0, bx - reach); i <= Math.min(blocksWide - 1, bx + reach); i++) {
                    lo = Math.min(lo, blockMin[by * blocksWide + i]);
                    hi = Math.max(hi, blockMax[by * blocksWide + i]);
                }
                scratchMin[by * blocksWide + bx] = lo;
                scratchMax[by * blocksWide + bx] = hi;
            }
        }
        for (int by = 0; by < blocksHigh; by++) {
            for (int bx = 0; bx < blocksWide; bx++) {
                int lo = 1020;
                int hi = 0;
                for (int j = Math.max(0, by - reach); j <= Math.min(blocksHigh - 1, by + reach); j++) {
                    lo = Math.min(lo, scratchMin[j * blocksWide + bx]);
                    hi = Math.max(hi, scratchMax[j * blocksWide + bx]);
                }
                min[by * blocksWide + bx] = lo;
                max[by * blocksWide + bx] = hi;
            }
        }
    }

    /**
     * Marks the pixels of a block darker than the threshold (in sixteenths of a grey level), each taken with its eight
     * neighbours (weights 1-2-1 by 1-2-1): a third of the noise, so a white ring of a finder pattern between two dark
     * ones stays one run.
     */
    private static void mark(byte[] luma, int stride, BitMatrix matrix, int x0, int y0, int x1, int y1,
            int threshold) {
        int width = matrix.getWidth();
        int height = matrix.getHeight();
        for (int y = y0; y < y1; y++) {
            int row = y * stride;
            int up = y > 0 ? row - stride : row;
            int down = y + 1 < height ? row + stride : row;
            for (int x = x0; x < x1; x++) {
                int left = x > 0 ? x - 1 : x;
                int right = x + 1 < width ? x + 1 : x;
                int value = (luma[up + left] & 0xff) + 2 * (luma[up + x] & 0xff) + (luma[up + right] & 0xff)
                        + 2 * ((luma[row + left] & 0xff) + 2 * (luma[row + x] & 0xff) + (luma[row + right] & 0xff))
                        + (luma[down + left] & 0xff) + 2 * (luma[down + x] & 0xff) + (luma[down + right] & 0xff);
                if (value < threshold) {
                    matrix.set(x, y);
                }
            }
        }
    }
}
