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

    private final QRCodeReader reader = new QRCodeReader();

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
        LuminanceSource source = new PlanarYUVLuminanceSource(luma, stride, height, 0, 0, width, height, false);
        // The hybrid binarizer copes with uneven light; the global one with soft, low-contrast (blurred) codes.
        Result result = attempt(new BinaryBitmap(new HybridBinarizer(source)), HINTS);
        if (result == null) {
            result = attempt(new BinaryBitmap(new GlobalHistogramBinarizer(source)), HARDER_HINTS);
        }
        return result == null ? Optional.empty() : Optional.of(result.getText());
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
