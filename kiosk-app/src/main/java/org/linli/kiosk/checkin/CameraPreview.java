package org.linli.kiosk.checkin;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.StackPane;
import javafx.scene.shape.Rectangle;
import org.linli.kiosk.scan.Frame;

/**
 * The camera picture with a frame guide that shows where to hold the code. Frames arrive on the camera thread; only
 * the latest is drawn, and at most one redraw waits on the screen thread, so a slow screen never backs up the camera.
 */
public final class CameraPreview {
    static final double WIDTH = 560;
    static final double HEIGHT = 420;

    private final ImageView view = new ImageView();
    private final StackPane pane;
    private final AtomicReference<Frame> latest = new AtomicReference<>();
    private final AtomicBoolean drawPending = new AtomicBoolean(false);
    private WritableImage image;
    private byte[] rgb;

    public CameraPreview() {
        this(1);
    }

    /** @param scale the preview's size against the 560×420 of a full-HD panel */
    public CameraPreview(double scale) {
        double width = WIDTH * scale;
        double height = HEIGHT * scale;
        view.setFitWidth(width);
        view.setFitHeight(height);
        view.setPreserveRatio(true);
        Rectangle background = new Rectangle(width, height);
        background.getStyleClass().add("camera-background");
        Rectangle guide = new Rectangle(height * 0.62, height * 0.62);
        guide.getStyleClass().add("frame-guide");
        guide.setArcWidth(36);
        guide.setArcHeight(36);
        pane = new StackPane(background, view, guide);
        pane.setAlignment(Pos.CENTER);
        pane.getStyleClass().add("camera");
        pane.setId("camera-preview");
        pane.setMaxSize(width, height);
    }

    public Node node() {
        return pane;
    }

    /** Called from the camera thread for every frame. */
    public void offer(Frame frame) {
        latest.set(frame);
        if (drawPending.compareAndSet(false, true)) {
            Platform.runLater(this::draw);
        }
    }

    private void draw() {
        drawPending.set(false);
        Frame frame = latest.getAndSet(null);
        if (frame == null || frame.width() < 32) {
            return;
        }
        int w = frame.width();
        int h = frame.height();
        if (image == null || image.getWidth() != w || image.getHeight() != h) {
            image = new WritableImage(w, h);
            rgb = new byte[w * h * 3];
            view.setImage(image);
        }
        byte[] luma = frame.luma();
        for (int i = 0, n = w * h; i < n; i++) {
            byte y = luma[i];
            rgb[3 * i] = y;
            rgb[3 * i + 1] = y;
            rgb[3 * i + 2] = y;
        }
        image.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getByteRgbInstance(), rgb, 0, w * 3);
    }
}
