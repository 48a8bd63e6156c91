package org.linli.protocol.qr;

import com.google.zxing.ResultPoint;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.PerspectiveTransform;

/**
 * Reads the modules of a code whose finder patterns were found, from the grey frame rather than from its black and
 * white picture: each module's centre is interpolated between the four nearest pixels and compared with the
 * binarizer's threshold there. ZXing samples the nearest black-or-white pixel, which at 3 to 4 pixels a module and a
 * soft focus is off by a fifth of a module often enough to break the code.
 */
final class GreyGrid {
    private GreyGrid() {
    }

    /**
     * The modules of a code of {@code dimension}² modules, or null when part of it lies outside the frame.
     *
     * @param alignment the centre of the bottom-right alignment pattern, or null to take the bottom-right corner as
     *        the fourth corner of the parallelogram of the finder patterns (right for a code seen square on, and for
     *        a tilt in the image plane at any angle, when ZXing took a spot in the data for the alignment pattern)
     */
    static BitMatrix sample(byte[] luma, int stride, int width, int height, MidRangeBinarizer binarizer,
            ResultPoint topLeft, ResultPoint topRight, ResultPoint bottomLeft, ResultPoint alignment, int dimension) {
        PerspectiveTransform transform = transform(topLeft, topRight, bottomLeft, alignment, dimension);
        BitMatrix bits = new BitMatrix(dimension);
        float[] points = new float[2 * dimension];
        for (int y = 0; y < dimension; y++) {
            for (int x = 0; x < dimension; x++) {
                points[2 * x] = x + 0.5f;
                points[2 * x + 1] = y + 0.5f;
            }
            transform.transformPoints(points);
            for (int x = 0; x < dimension; x++) {
                // pixel i covers [i, i + 1): its value belongs to i + 0.5
                float px = points[2 * x] - 0.5f;
                float py = points[2 * x + 1] - 0.5f;
                int x0 = (int) Math.floor(px);
                int y0 = (int) Math.floor(py);
                if (x0 < 0 || y0 < 0 || x0 + 1 >= width || y0 + 1 >= height) {
                    return null;
                }
                float fx = px - x0;
                float fy = py - y0;
                int i = y0 * stride + x0;
                float top = (luma[i] & 0xff) * (1 - fx) + (luma[i + 1] & 0xff) * fx;
                float bottom = (luma[i + stride] & 0xff) * (1 - fx) + (luma[i + stride + 1] & 0xff) * fx;
                float value = top * (1 - fy) + bottom * fy;
                if (value < binarizer.threshold(x0, y0)) {
                    bits.set(x, y);
                }
            }
        }
        return bits;
    }

    /** As ZXing's detector maps module coordinates to the frame (its own method is private). */
    static PerspectiveTransform transform(ResultPoint topLeft, ResultPoint topRight, ResultPoint bottomLeft,
            ResultPoint alignment, int dimension) {
        float farCentre = dimension - 3.5f;
        float bottomRightX;
        float bottomRightY;
        float moduleBottomRight;
        if (alignment != null) {
            bottomRightX = alignment.getX();
            bottomRightY = alignment.getY();
            moduleBottomRight = farCentre - 3;
        } else {
            bottomRightX = topRight.getX() - topLeft.getX() + bottomLeft.getX();
            bottomRightY = topRight.getY() - topLeft.getY() + bottomLeft.getY();
            moduleBottomRight = farCentre;
        }
        return PerspectiveTransform.quadrilateralToQuadrilateral(
                3.5f, 3.5f, farCentre, 3.5f, moduleBottomRight, moduleBottomRight, 3.5f, farCentre,
                topLeft.getX(), topLeft.getY(), topRight.getX(), topRight.getY(), bottomRightX, bottomRightY,
                bottomLeft.getX(), bottomLeft.getY());
    }
}
