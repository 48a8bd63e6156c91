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
        // the words residents use, as on the screen: 约房间, not 订房 (a hotel's word)
        String chinese = new String(printed, java.nio.charset.Charset.forName("GB18030"));
        assertEquals(true, chinese.contains("签到、取号、约房间都可用"), "the slip's uses in plain words");
        assertEquals(false, chinese.contains("订房"), "no hotel word on the slip");
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
