package org.linli.protocol.qr;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.DecodeHintType;
import com.google.zxing.ReaderException;
import com.google.zxing.ResultPoint;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.common.DetectorResult;
import com.google.zxing.multi.qrcode.detector.MultiDetector;
import com.google.zxing.qrcode.decoder.Decoder;
import com.google.zxing.qrcode.detector.Detector;
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
 * of finder patterns gives nothing, every plausible triple is tried: ZXing's usual choice is, for one sharp code in
 * 100 to 200, a pattern in the data (QrFrameDecoderTest.readsEverySharpCodeWhateverItsData). Camera-like frames that
 * ZXing alone reads half of are measured by {@code ./linli bench qr} against zxing-cpp and zbar.
 */
public final class QrFrameDecoder {
    private static final Map<DecodeHintType, Object> HINTS = Map.of(
            DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.QR_CODE),
            DecodeHintType.CHARACTER_SET, "ISO-8859-1");

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
        DetectorResult[] all;
        try {
            all = new MultiDetector(black).detectMulti(HINTS);
        } catch (ReaderException | RuntimeException notFound) {
            return Optional.empty();
        }
        for (DetectorResult candidate : all) {
            if (best == null || !samePoints(best, candidate)) {
                String text = read(candidate, luma, stride, width, height);
                if (text != null) {
                    return Optional.of(text);
                }
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
