package org.linli.protocol.qr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.linli.protocol.TestVectors;
import org.linli.protocol.token.AccessToken;
import org.linli.protocol.token.TokenSigner;
import org.linli.protocol.token.Verdict;
import org.linli.protocol.token.VerifyContext;

class QrFrameDecoderTest {
    static final Instant START = Instant.parse("2026-12-01T01:00:00Z");
    final TestVectors vectors = TestVectors.load();
    final QrFrameDecoder decoder = new QrFrameDecoder();
    final String token = new TokenSigner(vectors.key(1)).sign(AccessToken.booking(1, 4711, TestVectors.HUB,
            TestVectors.ROOM, START, START.plusSeconds(3600)));

    @Test
    void decodesAndVerifiesATokenSeenByABlurredNoisyTiltedCamera() {
        byte[] frame = new SyntheticFrames(640, 480, 11).frame(token, new SyntheticFrames.Look("test", 14, 2, 0.5, 12, 0.6));
        Optional<String> text = decoder.decode(frame, 640, 480);
        assertEquals(Optional.of(token), text);
        VerifyContext door = VerifyContext.door(TestVectors.HUB, TestVectors.ROOM, START.plusSeconds(60), true,
                Set.of(), Duration.ofMinutes(15));
        assertEquals(Verdict.VALID, vectors.verifier().verify(text.orElseThrow(), door).verdict());
    }

    @Test
    void decodesEveryLookOfTheBenchmark() {
        SyntheticFrames frames = new SyntheticFrames(640, 480, 5);
        for (SyntheticFrames.Look look : SyntheticFrames.LOOKS) {
            assertEquals(Optional.of(token), decoder.decode(frames.frame(token, look), 640, 480), look.toString());
        }
    }

    @Test
    void decodesEveryLookInAHighDefinitionFrame() {
        SyntheticFrames frames = new SyntheticFrames(1280, 720, 1280);
        for (SyntheticFrames.Look look : SyntheticFrames.LOOKS) {
            for (int i = 0; i < 3; i++) {
                assertEquals(Optional.of(token), decoder.decode(frames.frame(token, look), 1280, 720), look.name());
            }
        }
    }

    /**
     * Sharp codes of 1,000 token-like texts at 4 and 7 pixels a module, as a phone screen or a PNG shows them. ZXing's
     * usual finder search missed one in 100 to 200 (a pattern in the data taken for a corner) at any size: a
     * booking whose door never opens, and BookingIT failing now and then. The last attempt weighs every triple.
     */
    @Test
    void readsEverySharpCodeWhateverItsData() {
        String base45 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
        java.util.Random random = new java.util.Random(20261128);
        java.util.List<String> unread = new java.util.ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            StringBuilder text = new StringBuilder("LL1:");
            for (int k = 0; k < 137; k++) {
                text.append(base45.charAt(random.nextInt(base45.length())));
            }
            for (int scale : new int[] {4, 7}) {
                java.awt.image.BufferedImage image = QrCodes.image(text.toString(), scale);
                byte[] luma = new byte[image.getWidth() * image.getHeight()];
                image.getRaster().getDataElements(0, 0, image.getWidth(), image.getHeight(), luma);
                if (!decoder.decode(luma, image.getWidth(), image.getHeight()).equals(Optional.of(text.toString()))) {
                    unread.add(scale + " px a module: " + text);
                }
            }
        }
        assertEquals(java.util.List.of(), unread);
    }

    /**
     * Frames as a phone held up to a door camera gives them (issue 19): tilted, out of focus, noisy, in a squeezed
     * range, the code at 45 % of a 640×480 frame and at 25 % of a 1280×720 one. ZXing alone read 4 of these 8; zbar
     * and zxing-cpp read nearly all such frames, and so must we ({@code ./linli bench qr} compares them).
     */
    @Test
    void readsTiltedBlurredNoisyCameraFrames() {
        java.util.List<String> tokens = vectors.cases().stream().map(TestVectors.Case::token)
                .filter(t -> t.startsWith("LL1:") && t.length() == token.length()).distinct().limit(8).toList();
        HardFrames frames = new HardFrames(7);
        java.util.List<String> unread = new java.util.ArrayList<>();
        for (HardFrames.Group group : HardFrames.GROUPS) {
            for (int i = 0; i < 4; i++) {
                String text = tokens.get(i + (group.width() > 640 ? 4 : 0));
                HardFrames.Shot shot = frames.shot();
                byte[] frame = frames.frame(text, group, shot);
                if (!decoder.decode(frame, group.width(), group.height()).equals(Optional.of(text))) {
                    unread.add(group.name() + " " + shot);
                }
            }
        }
        assertEquals(java.util.List.of(), unread);
    }

    /**
     * The nine frames of 1,600 (800 seeds, both sizes, the bench's eight well-formed tokens) that the decoder missed
     * before this test, all 1280×720 and tilted 5–8°. ZXing finds the three finder patterns (in two of them only when
     * it scans every third row) but counts the modules between them as no QR size, measuring a module on runs of black
     * and white that blur and noise make uneven; sized from the finder patterns themselves, each is read.
     */
    @Test
    void readsCodesWhoseModulesZxingCannotCount() {
        java.util.List<String> tokens = vectors.cases().stream().filter(c -> c.verdict() != Verdict.MALFORMED)
                .map(TestVectors.Case::token).filter(t -> t.startsWith("LL1:") && t.length() == token.length())
                .distinct().limit(8).toList();
        HardFrames.Group hd = HardFrames.GROUPS.get(1);
        java.util.List<String> unread = new java.util.ArrayList<>();
        for (int seed : new int[] {97, 185, 201, 277, 321, 393, 573, 580, 596}) {
            HardFrames frames = new HardFrames(seed);
            HardFrames.Shot shot = frames.shot();
            String text = tokens.get(seed % tokens.size());
            if (!decoder.decode(frames.frame(text, hd, shot), hd.width(), hd.height()).equals(Optional.of(text))) {
                unread.add("seed " + seed + " " + shot);
            }
        }
        assertEquals(java.util.List.of(), unread);
    }

    @Test
    void findsNothingInAFrameWithoutACode() {
        byte[] frame = new SyntheticFrames(640, 480, 3).empty();
        assertTrue(decoder.decode(frame, 640, 480).isEmpty());
    }

    @Test
    void findsNothingInACameraFrameOfTheWall() {
        HardFrames frames = new HardFrames(8);
        for (HardFrames.Group group : HardFrames.GROUPS) {
            assertTrue(decoder.decode(frames.empty(group), group.width(), group.height()).isEmpty(), group.name());
        }
    }

    @Test
    void readsPaddedRows() {
        int stride = 704;
        byte[] tight = new SyntheticFrames(640, 480, 1).frame(token, SyntheticFrames.LOOKS.get(0));
        byte[] padded = new byte[stride * 480];
        for (int y = 0; y < 480; y++) {
            System.arraycopy(tight, y * 640, padded, y * stride, 640);
        }
        assertEquals(Optional.of(token), decoder.decode(padded, stride, 640, 480));
    }

    @Test
    void rejectsAFrameSmallerThanItsSize() {
        assertThrows(IllegalArgumentException.class, () -> decoder.decode(new byte[100], 640, 480));
    }

    @Test
    void rendersPng() {
        byte[] png = QrCodes.png(token, 4);
        assertEquals((byte) 0x89, png[0]);
        assertEquals('P', png[1]);
    }
}
