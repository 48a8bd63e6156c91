package org.linli.kiosk.print;

import com.github.anastaciocintra.escpos.EscPos;
import com.github.anastaciocintra.escpos.EscPosConst;
import com.github.anastaciocintra.escpos.Style;
import com.github.anastaciocintra.escpos.barcode.QRCode;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * ESC/POS slips through escpos-coffee, to a device file ({@code /dev/usb/lp0}) or a network printer (port 9100).
 * Chinese is sent as GB18030, the code page of the thermal printers sold in China.
 */
public final class EscPosPrinter implements ReceiptPrinter {
    /** Opens the printer's byte stream for one slip. */
    @FunctionalInterface
    public interface Connection {
        OutputStream open() throws IOException;
    }

    private final Connection connection;

    public EscPosPrinter(Connection connection) {
        this.connection = connection;
    }

    public static EscPosPrinter device(String path) {
        return new EscPosPrinter(() -> new FileOutputStream(path));
    }

    public static EscPosPrinter network(String host, int port) {
        return new EscPosPrinter(() -> {
            Socket socket = new Socket();
            socket.connect(new InetSocketAddress(host, port), 3000);
            return new java.io.FilterOutputStream(socket.getOutputStream()) {
                @Override
                public void close() throws IOException {
                    super.close();
                    socket.close();
                }
            };
        });
    }

    @Override
    public boolean present() {
        return true;
    }

    @Override
    public synchronized void print(Slip slip) throws IOException {
        try (OutputStream out = connection.open(); EscPos escpos = new EscPos(out)) {
            escpos.setCharsetName("GB18030");
            // FS & selects the Chinese character mode on GB18030 printers
            out.write(new byte[] {0x1C, 0x26});
            Style centre = new Style().setJustification(EscPosConst.Justification.Center);
            Style title = new Style(centre).setBold(true).setFontSize(Style.FontSize._2, Style.FontSize._2);
            Style big = new Style(centre).setBold(true).setFontSize(Style.FontSize._4, Style.FontSize._4);
            escpos.writeLF(title, slip.titleZh());
            escpos.writeLF(centre, slip.titleEn());
            escpos.feed(1);
            if (slip.big() != null) {
                escpos.writeLF(big, slip.big());
                escpos.feed(1);
            }
            for (String line : slip.lines()) {
                escpos.writeLF(centre, line);
            }
            if (slip.qr() != null) {
                escpos.feed(1);
                escpos.write(new QRCode().setSize(7).setJustification(EscPosConst.Justification.Center)
                        .setErrorCorrectionLevel(QRCode.QRErrorCorrectionLevel.QR_ECLEVEL_M_Default), slip.qr());
            }
            escpos.feed(4).cut(EscPos.CutMode.FULL);
        }
    }
}
