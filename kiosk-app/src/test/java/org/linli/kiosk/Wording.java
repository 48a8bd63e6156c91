package org.linli.kiosk;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import javafx.scene.control.Labeled;
import javafx.scene.layout.FlowPane;
import javafx.scene.shape.MoveTo;
import javafx.scene.text.Text;

/**
 * What a resident who reads one language meets in a text on screen, as {@link LayoutFitIT} checks it beside
 * {@link Contrast}: words of the other language, a time or a bracketed word cut over two lines, and a line that
 * begins with the dot joining it to the line before.
 */
final class Wording {
    private static final Pattern HAN = Pattern.compile("\\p{IsHan}");
    private static final Pattern LATIN_WORD = Pattern.compile("[A-Za-z]{2,}");
    /** What a reader takes in at once: a time or a span of times, and a word or two in brackets ("（明天）"). */
    private static final Pattern WHOLE = Pattern.compile(
            "\\d{1,2}:\\d{2}(\\s?[–-]\\s?\\d{1,2}:\\d{2})?|[（(][^（()）]{1,10}[)）]");

    private Wording() {
    }

    /**
     * @param english whether the kiosk speaks English now (else Chinese)
     * @return what is wrong with the label's text, as the end of a sentence about it; empty when nothing is
     */
    static List<String> problems(Labeled labeled, boolean english) {
        List<String> problems = new ArrayList<>();
        splitAcrossLines(labeled).forEach(part -> problems.add("breaks '" + part + "' over two lines"));
        if (!english) {
            String alone = orphan(labeled);
            if (alone != null) {
                problems.add("leaves '" + alone + "' alone on its last line");
            }
        }
        if (startsALineWithItsDot(labeled)) {
            problems.add("begins a line with its '·' (it belongs at the end of the line before)");
        }
        // the logo's 邻 and the button that names the other language in its own script are meant so
        if (!"logo".equals(labeled.getId()) && !"language".equals(labeled.getId())
                && (english ? HAN : LATIN_WORD).matcher(labeled.getText()).find()) {
            problems.add("is not in " + (english ? "English" : "Chinese"));
        }
        return problems;
    }

    /**
     * The end of a wrapped Chinese sentence left alone on a line of its own: one character, with its full stop or
     * not ("位。", "消" of "取消"), which reads as a stray mark under the sentence or a word cut in two; null when the
     * last line holds more, or begins where the text itself begins a line ("21:00\n关门" is two lines on purpose).
     */
    private static String orphan(Labeled labeled) {
        Text text = labeled.getChildrenUnmodifiable().stream().filter(Text.class::isInstance).map(Text.class::cast)
                .findFirst().orElse(null);
        if (text == null || !labeled.isWrapText() || text.getText().strip().length() < 6
                || !HAN.matcher(text.getText()).find()) {
            return null;
        }
        String t = text.getText().stripTrailing();
        double lastLine = lineOf(text, t.length() - 1);
        int start = t.length() - 1;
        while (start > 0 && Math.abs(lineOf(text, start - 1) - lastLine) < 1) {
            start--;
        }
        String alone = t.substring(start).strip();
        String words = alone.replaceAll("\\p{P}", "");
        boolean oneCharacter = words.codePointCount(0, words.length()) <= 1;
        return start > 0 && t.charAt(start - 1) != '\n' && oneCharacter ? alone : null;
    }

    private static double lineOf(Text text, int index) {
        return ((MoveTo) text.caretShape(index, true)[0]).getY();
    }

    /**
     * A part of a line of phrases ("12月6日 星期日", "14:00–15:00", "· 多功能活动室") that the line's wrap put first on
     * a new line with the dot that joins it to the part before: "· 多功能活动室" alone under the time reads as a list.
     */
    private static boolean startsALineWithItsDot(Labeled labeled) {
        if (!(labeled.getParent() instanceof FlowPane line) || !line.getStyleClass().contains("phrases")
                || !labeled.getText().startsWith("·") || line.getChildren().indexOf(labeled) <= 0) {
            return false;
        }
        return labeled.getLayoutX() <= line.getChildren().getFirst().getLayoutX() + 1;
    }

    /**
     * The parts of a wrapped text that its lines cut in two ("19:|00", "09:00 –|10:00", "（明|天）"): where the
     * skin's text draws such a part, its highlight shape lies on more than one line.
     */
    private static List<String> splitAcrossLines(Labeled labeled) {
        List<String> split = new ArrayList<>();
        Text text = labeled.getChildrenUnmodifiable().stream().filter(Text.class::isInstance).map(Text.class::cast)
                .findFirst().orElse(null);
        if (text == null || !labeled.isWrapText()) {
            return split;
        }
        var matcher = WHOLE.matcher(text.getText());
        while (matcher.find()) {
            Set<Long> lines = new HashSet<>();
            for (var element : text.rangeShape(matcher.start(), matcher.end())) {
                if (element instanceof MoveTo move) {
                    lines.add(Math.round(move.getY()));
                }
            }
            if (lines.size() > 1) {
                split.add(matcher.group());
            }
        }
        return split;
    }
}
