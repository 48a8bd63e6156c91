package org.linli.protocol.qr;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.DecodeHintType;
import com.google.zxing.ReaderException;
import com.google.zxing.ResultPoint;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.DetectorResult;
import com.google.zxing.multi.qrcode.detector.MultiFinderPatternFinder;
import com.google.zxing.qrcode.decoder.Decoder;
import com.google.zxing.qrcode.detector.Detector;
import com.google.zxing.qrcode.detector.FinderPattern;
import com.google.zxing.qrcode.detector.FinderPatternInfo;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds and decodes a QR code in a grayscale camera frame (the Y plane of YUV420, one byte per pixel). Only QR codes
 * are looked for. The frame is read in place, never copied, so a camera loop can call this 30 times a second.
 * One instance per thread: it keeps buffers between frames.
 *
 * <p>ZXing finds the finder patterns and corrects the errors, but on a black-and-white picture of our own
 * ({@link MidRangeBinarizer}), and where its reading of the modules fails, they are read again from the grey frame
 * ({@link GreyGrid}), once through the alignment pattern ZXing found and once without it. When the best-looking triple
 * of finder patterns gives nothing, every plausible triple is tried, found scanning every third row: ZXing's usual
 * choice is, for one sharp code in 100 to 200, a pattern in the data
 * (QrFrameDecoderTest.readsEverySharpCodeWhateverItsData), and on a blurred, noisy frame a pattern can be missed
 * between the rows it scans by default. A triple whose modules ZXing cannot count is sized from the finder patterns
 * themselves. Camera-like frames that ZXing alone reads half of are measured by {@code ./linli bench qr} against
 * zxing-cpp and zbar.
 */
public final class QrFrameDecoder {
    private static final Map<DecodeHintType, Object> HINTS = Map.of(
            DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.QR_CODE),
            DecodeHintType.CHARACTER_SET, "ISO-8859-1");
    /** For the last try: at 1280×720 the finder search scans every third row, not every fifth (640×480: always). */
    private static final Map<DecodeHintType, Object> HARDER_HINTS = Map.of(
            DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.QR_CODE),
            DecodeHintType.CHARACTER_SET, "ISO-8859-1",
            DecodeHintType.TRY_HARDER, Boolean.TRUE);

    private final MidRangeBinarizer binarizer = new MidRangeBinarizer();
    private final Decoder decoder = new Decoder();

    /** Decodes a tightly packed frame ({@code luma.length >= width * height}). */
    public Optional<String> decode(byte[] luma, int width, int height) {
        return decode(luma, width, width, height);
    }

    /**
     * Decodes a frame whose rows are {@code stride} bytes apart (cameras pad rows, e.g. to 64 bytes).
     *
     * @return the text of the first QR code found, or empty
     */
    public Optional<String> decode(byte[] luma, int stride, int width, int height) {
        if (width <= 0 || height <= 0 || stride < width || luma.length < stride * (height - 1) + width) {
            throw new IllegalArgumentException("frame of " + luma.length + " bytes is smaller than " + width + "x"
                    + height + " with stride " + stride);
        }
        BitMatrix black = binarizer.binarize(luma, stride, width, height);
        DetectorResult best = null;
        try {
            best = new Detector(black).detect(HINTS);
            String text = read(best, luma, stride, width, height);
            if (text != null) {
                return Optional.of(text);
            }
        } catch (ReaderException | RuntimeException notFound) {
            // no triple of finder patterns that looks like a code: every plausible triple is tried next
        }
        FinderPatternInfo[] triples;
        try {
            triples = new MultiFinderPatternFinder(black, null).findMulti(HARDER_HINTS);
        } catch (ReaderException | RuntimeException notFound) {
            return Optional.empty();
        }
        Corners corners = new Corners(black);
        for (FinderPatternInfo triple : triples) {
            DetectorResult candidate = corners.locate(triple);
            String text = null;
            if (candidate == null) {
                text = readByFinderSizes(triple, luma, stride, width, height);
            } else if (best == null || !samePoints(best, candidate)) {
                text = read(candidate, luma, stride, width, height);
            }
            if (text != null) {
                return Optional.of(text);
            }
        }
        return Optional.empty();
    }

    /** The text of the code at the detector's points: its own reading of the modules, then two from the grey frame. */
    private String read(DetectorResult detected, byte[] luma, int stride, int width, int height) {
        String text = decodeBits(detected.getBits());
        ResultPoint[] points = detected.getPoints();
        if (text != null || points.length < 3) {
            return text;
        }
        // ZXing's order: bottom left, top left, top right, then the alignment pattern if it found one
        ResultPoint alignment = points.length > 3 ? points[3] : null;
        int dimension = detected.getBits().getHeight();
        text = decodeBits(GreyGrid.sample(luma, stride, width, height, binarizer, points[1], points[2], points[0],
                alignment, dimension));
        if (text == null && alignment != null) {
            text = decodeBits(GreyGrid.sample(luma, stride, width, height, binarizer, points[1], points[2],
                    points[0], null, dimension));
        }
        return text;
    }

    /**
     * The code at a triple of finder patterns that ZXing could not size. It counts the modules between the patterns
     * with a module measured on the runs of black and white along the way, which blur and noise make uneven enough
     * that the count is no QR size at all (one in a few hundred of the bench's blurred, noisy 1280×720 frames). The
     * patterns' own module size, from their 1:1:3:1:1 runs, gives the nearest size; the sizes either side are tried
     * too. The modules are read from the grey frame, the fourth corner completing the parallelogram.
     */
    private String readByFinderSizes(FinderPatternInfo triple, byte[] luma, int stride, int width, int height) {
        FinderPattern topLeft = triple.getTopLeft();
        FinderPattern topRight = triple.getTopRight();
        FinderPattern bottomLeft = triple.getBottomLeft();
        float module = (topLeft.getEstimatedModuleSize() + topRight.getEstimatedModuleSize()
                + bottomLeft.getEstimatedModuleSize()) / 3;
        float between = (ResultPoint.distance(topLeft, topRight) + ResultPoint.distance(topLeft, bottomLeft)) / 2
                / module;
        // a version-v code is 17 + 4v modules wide, its finder patterns' centres 7 less apart
        int nearest = 21 + 4 * Math.round((between - 14) / 4);
        for (int dimension : new int[] {nearest, nearest + 4, nearest - 4}) {
            if (dimension >= 21 && dimension <= 177) {
                String text = decodeBits(GreyGrid.sample(luma, stride, width, height, binarizer, topLeft, topRight,
                        bottomLeft, null, dimension));
                if (text != null) {
                    return text;
                }
            }
        }
        return null;
    }

    private String decodeBits(BitMatrix bits) {
        if (bits == null) {
            return null;
        }
        try {
            return decoder.decode(bits, HINTS).getText();
        } catch (ReaderException | RuntimeException unreadable) {
            // a damaged code, or one ZXing trips over: both mean "not this reading"
            return null;
        }
    }

    /** ZXing's sizing and sampling of one triple of finder patterns, which its multi detector keeps to itself. */
    private static final class Corners extends Detector {
        Corners(BitMatrix black) {
            super(black);
        }

        /** The modules ZXing samples at the triple, and its points; null when it cannot size or place the code. */
        DetectorResult locate(FinderPatternInfo triple) {
            try {
                return processFinderPatternInfo(triple);
            } catch (ReaderException | RuntimeException unsized) {
                return null;
            }
        }
    }

    private static boolean samePoints(DetectorResult a, DetectorResult b) {
        ResultPoint[] p = a.getPoints();
        ResultPoint[] q = b.getPoints();
        if (p.length < 3 || q.length < 3) {
            return false;
        }
        for (int i = 0; i < 3; i++) {
            if (ResultPoint.distance(p[i], q[i]) > 1) {
                return false;
            }
        }
        return true;
    }
}
