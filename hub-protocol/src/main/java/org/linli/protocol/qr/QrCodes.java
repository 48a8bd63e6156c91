package org.linli.protocol.qr;

import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import com.google.zxing.qrcode.encoder.Encoder;
import com.google.zxing.qrcode.encoder.QRCode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import javax.imageio.ImageIO;

/** Renders text (a token) as a QR code at error-correction level M with a 4-module quiet zone. */
public final class QrCodes {
    public static final ErrorCorrectionLevel LEVEL = ErrorCorrectionLevel.M;
    public static final int QUIET_ZONE = 4;

    private QrCodes() {
    }

    /** The QR code ZXing picks for the text: its version tells how large and dense it is. */
    public static QRCode encode(String text) {
        try {
            return Encoder.encode(text, LEVEL, Map.of(EncodeHintType.CHARACTER_SET, "ISO-8859-1"));
        } catch (WriterException e) {
            throw new IllegalArgumentException("text does not fit a QR code: " + e.getMessage(), e);
        }
    }

    /** The QR version (1..40) the text needs. */
    public static int version(String text) {
        return encode(text).getVersion().getVersionNumber();
    }

    /** Modules of the code with the quiet zone, {@code scale} pixels per module; true is dark. */
    public static BitMatrix matrix(String text, int scale) {
        var modules = encode(text).getMatrix();
        int size = (modules.getWidth() + 2 * QUIET_ZONE) * scale;
        BitMatrix matrix = new BitMatrix(size, size);
        for (int y = 0; y < modules.getHeight(); y++) {
            for (int x = 0; x < modules.getWidth(); x++) {
                if (modules.get(x, y) == 1) {
                    matrix.setRegion((x + QUIET_ZONE) * scale, (y + QUIET_ZONE) * scale, scale, scale);
                }
            }
        }
        return matrix;
    }

    /** A black-on-white grayscale image of the code. */
    public static BufferedImage image(String text, int scale) {
        BitMatrix matrix = matrix(text, scale);
        BufferedImage image = new BufferedImage(matrix.getWidth(), matrix.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        var raster = image.getRaster();
        for (int y = 0; y < matrix.getHeight(); y++) {
            for (int x = 0; x < matrix.getWidth(); x++) {
                raster.setSample(x, y, 0, matrix.get(x, y) ? 0 : 255);
            }
        }
        return image;
    }

    /** PNG bytes of the code. */
    public static byte[] png(String text, int scale) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image(text, scale), "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
