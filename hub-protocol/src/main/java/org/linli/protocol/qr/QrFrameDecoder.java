package org.linli.protocol.qr;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.LuminanceSource;
import com.google.zxing.PlanarYUVLuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.Result;
import com.google.zxing.common.GlobalHistogramBinarizer;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.multi.qrcode.QRCodeMultiReader;
import com.google.zxing.qrcode.QRCodeReader;
import java.util.Map;
import java.util.Optional;

/**
 * Finds and decodes a QR code in a grayscale camera frame (the Y plane of YUV420, one byte per pixel). Only QR codes
 * are looked for. The frame is read in place, never copied, so a camera loop can call this 30 times a second.
 * One instance per thread: the reader inside is not thread-safe.
 */
public final class QrFrameDecoder {
    private static final Map<DecodeHintType, Object> HINTS = Map.of(
            DecodeHintType.POSSIBLE_FORMATS, java.util.List.of(BarcodeFormat.QR_CODE),
            DecodeHintType.CHARACTER_SET, "ISO-8859-1");
    private static final Map<DecodeHintType, Object> HARDER_HINTS = Map.of(
            DecodeHintType.POSSIBLE_FORMATS, java.util.List.of(BarcodeFormat.QR_CODE),
            DecodeHintType.CHARACTER_SET, "ISO-8859-1",
            DecodeHintType.TRY_HARDER, Boolean.TRUE);

    /** Frames wider than this are also tried at half size: ZXing finds codes best at a few pixels per module. */
    static final int BIN_ABOVE_WIDTH = 960;

    private final QRCodeReader reader = new QRCodeReader();
    private final QRCodeMultiReader multiReader = new QRCodeMultiReader();
    private byte[] binned = new byte[0];

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
        Result result = null;
        if (width > BIN_ABOVE_WIDTH) {
            int halfWidth = width / 2;
            int halfHeight = height / 2;
            result = attempt(new PlanarYUVLuminanceSource(bin(luma, stride, halfWidth, halfHeight), halfWidth,
                    halfHeight, 0, 0, halfWidth, halfHeight, false));
        }
        if (result == null) {
            result = attempt(new PlanarYUVLuminanceSource(luma, stride, height, 0, 0, width, height, false));
        }
        return result == null ? Optional.empty() : Optional.of(result.getText());
    }

    /**
     * The hybrid binarizer copes with uneven light; the global one with soft, low-contrast (blurred) codes. Last, the
     * finder search that weighs every plausible triple of corners: ZXing's usual one settles on the best-looking
     * triple, and for one sharp code in 100 to 200 that is a pattern in the data, at any size from 4 pixels a module up
     * (QrFrameDecoderTest.readsEverySharpCodeWhateverItsData). It reuses the hybrid binarizer's black-and-white
     * picture.
     */
    private Result attempt(LuminanceSource source) {
        BinaryBitmap hybrid = new BinaryBitmap(new HybridBinarizer(source));
        Result result = attempt(hybrid, HINTS);
        if (result == null) {
            result = attempt(new BinaryBitmap(new GlobalHistogramBinarizer(source)), HARDER_HINTS);
        }
        if (result == null) {
            result = attemptEveryTriple(hybrid);
        }
        return result;
    }

    private Result attemptEveryTriple(BinaryBitmap bitmap) {
        try {
            Result[] results = multiReader.decodeMultiple(bitmap, HINTS);
            return results.length == 0 ? null : results[0];
        } catch (ReaderException | RuntimeException notFound) {
            return null;
        }
    }

    /** Averages 2×2 pixels into a buffer kept between frames. */
    private byte[] bin(byte[] luma, int stride, int halfWidth, int halfHeight) {
        if (binned.length < halfWidth * halfHeight) {
            binned = new byte[halfWidth * halfHeight];
        }
        for (int y = 0; y < halfHeight; y++) {
            int row = 2 * y * stride;
            for (int x = 0; x < halfWidth; x++) {
                int i = row + 2 * x;
                int sum = (luma[i] & 0xff) + (luma[i + 1] & 0xff) + (luma[i + stride] & 0xff)
                        + (luma[i + stride + 1] & 0xff);
                binned[y * halfWidth + x] = (byte) (sum >> 2);
            }
        }
        return binned;
    }

    private Result attempt(BinaryBitmap bitmap, Map<DecodeHintType, Object> hints) {
        try {
            return reader.decode(bitmap, hints);
        } catch (ReaderException | RuntimeException notFound) {
            // No code, a damaged code, or a code ZXing trips over: all mean "nothing readable in this frame".
            return null;
        } finally {
            reader.reset();
        }
    }
}
