package org.linli.kiosk.print;

import java.io.IOException;

/** A slip printer. Slips are printed in both languages, so a printed slip never depends on the screen's language. */
public interface ReceiptPrinter {
    /** A printed slip: bilingual title, lines of text, and an optional QR code. */
    record Slip(String titleZh, String titleEn, String big, java.util.List<String> lines, String qr) {
    }

    boolean present();

    void print(Slip slip) throws IOException;

    /** The kiosk without a printer: everything is on screen already. */
    ReceiptPrinter NONE = new ReceiptPrinter() {
        @Override
        public boolean present() {
            return false;
        }

        @Override
        public void print(Slip slip) {
            // nothing to do: the screen shows the same
        }
    };
}
