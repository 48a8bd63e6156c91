package org.linli.kiosk.card;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.linli.kiosk.CentralFixtureTest;
import org.linli.kiosk.print.EscPosPrinter;
import org.linli.protocol.token.TokenFormat;
import org.linli.protocol.token.TokenType;

class CardViewModelTest extends CentralFixtureTest {
    @Test
    void givesTheResidentCardAndPrintsIt() throws Exception {
        Path paper = dir.resolve("lp0");
        CardViewModel vm = new CardViewModel(f.client, f.async, EscPosPrinter.device(paper.toString()),
                f.resident);
        "13800138000".chars().forEach(c -> vm.phone().press((char) c));
        vm.request();
        assertEquals(CardViewModel.Step.CARD, vm.stepProperty().get());
        assertEquals("8000", vm.cardProperty().get().phoneLast4());
        assertEquals(TokenType.RESIDENT, TokenFormat.parse(vm.cardProperty().get().token()).type());
        assertEquals("", vm.phone().digits());
        byte[] printed = Files.readAllBytes(paper);
        String text = new String(printed, java.nio.charset.StandardCharsets.ISO_8859_1);
        assertEquals(true, text.contains(vm.cardProperty().get().token()), "the slip carries the card QR");
    }

    @Test
    void offlineItSaysTheCardNeedsTheCentralService() {
        CardViewModel vm = new CardViewModel(f.client, f.async, org.linli.kiosk.print.ReceiptPrinter.NONE,
                f.resident);
        f.central.stop();
        "13800138000".chars().forEach(c -> vm.phone().press((char) c));
        vm.request();
        assertEquals(CardViewModel.Step.PROBLEM, vm.stepProperty().get());
        assertEquals("error.needsCentral", vm.messageProperty().get());
    }
}
