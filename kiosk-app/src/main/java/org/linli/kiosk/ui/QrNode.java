package org.linli.kiosk.ui;

import com.google.zxing.common.BitMatrix;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import org.linli.protocol.qr.QrCodes;

/** A token's QR code drawn pixel-exact (no smoothing), so phones and door readers read it off the screen. */
public final class QrNode {
    private QrNode() {
    }

    public static ImageView of(String text, double size) {
        BitMatrix probe = QrCodes.matrix(text, 1);
        int scale = Math.max(1, (int) (size / probe.getWidth()));
        BitMatrix matrix = QrCodes.matrix(text, scale);
        WritableImage image = new WritableImage(matrix.getWidth(), matrix.getHeight());
        PixelWriter pixels = image.getPixelWriter();
        for (int y = 0; y < matrix.getHeight(); y++) {
            for (int x = 0; x < matrix.getWidth(); x++) {
                pixels.setColor(x, y, matrix.get(x, y) ? Color.BLACK : Color.WHITE);
            }
        }
        ImageView view = new ImageView(image);
        view.setSmooth(false);
        view.setId("qr");
        view.setUserData(text);
        return view;
    }
}
