package org.linli.kiosk;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.shape.Shape;
import javafx.scene.text.FontWeight;

/**
 * WCAG 2.1 contrast (success criterion 1.4.3) of every text on a screen, worked out from the colours the scene graph
 * actually draws: the text's fill against the nearest background behind it (its own, an earlier sibling that lies
 * under it, as a tile's button under its texts, or an ancestor's), with the opacity of everything between blended in.
 * Disabled texts are checked as well: a tile that is off still has to say why.
 *
 * <p>WCAG counts text as large from 18 pt (24 CSS px) or 14 pt bold at 96 dpi. The kiosk's panels are denser
 * (102–133 dpi) and its readers' eyes weaker, so text is taken as large here only from 32 px, or 25 px bold; all other
 * text needs 4.5:1.
 */
final class Contrast {
    static final double TEXT = 4.5;
    static final double LARGE_TEXT = 3.0;

    private Contrast() {
    }

    /** Every text under {@code root} below its minimum contrast, described for a test's message. */
    static List<String> problems(Node root, String where) {
        List<String> problems = new ArrayList<>();
        walk(root, where, problems);
        return problems;
    }

    private static void walk(Node node, String where, List<String> problems) {
        if (!node.isVisible() || node.getOpacity() == 0) {
            return;
        }
        if (node instanceof Labeled labeled && !labeled.getText().isBlank()) {
            check(labeled, where, problems);
        }
        if (node instanceof ScrollPane scroll && scroll.getContent() != null) {
            walk(scroll.getContent(), where, problems);
            return;
        }
        if (node instanceof Parent parent && !(node instanceof Labeled)) {
            parent.getChildrenUnmodifiable().forEach(child -> walk(child, where, problems));
        }
    }

    private static void check(Labeled labeled, String where, List<String> problems) {
        if (!(labeled.getTextFill() instanceof Color fill)) {
            problems.add(where + ": '" + labeled.getText() + "' has a text fill that is not one colour");
            return;
        }
        Color background = behind(labeled);
        Color text = blend(fill, background, opacityUpTo(labeled, null));
        double ratio = ratio(text, background);
        boolean bold = labeled.getFont().getStyle().toLowerCase(Locale.ROOT).contains("bold")
                || FontWeight.findByName(labeled.getFont().getStyle()) == FontWeight.BOLD;
        double size = labeled.getFont().getSize();
        boolean large = size >= 32 || bold && size >= 25;
        double needed = large ? LARGE_TEXT : TEXT;
        if (ratio < needed) {
            problems.add(String.format(Locale.ROOT, "%s: '%s' (%s%s) is %.2f:1 on %s, needs %.1f:1", where,
                    labeled.getText(), labeled.getId() == null ? "" : "#" + labeled.getId() + " ",
                    hex(fill), ratio, hex(background), needed));
        }
    }

    /**
     * The colour behind a node: going up from the node itself, at each level the node's own background, then the
     * earlier siblings (drawn under it) that cover it, each blended over what lies below it.
     */
    static Color behind(Node node) {
        List<Color> layers = new ArrayList<>(); // nearest first
        List<Double> alphas = new ArrayList<>();
        Node at = node;
        while (at != null) {
            addFill(at, layers, alphas); // a button's own background is behind its text
            if (!layers.isEmpty() && alphas.get(alphas.size() - 1) >= 1) {
                break;
            }
            Parent parent = at.getParent();
            if (parent != null) {
                List<Node> siblings = parent.getChildrenUnmodifiable();
                Bounds mine = at.localToScene(at.getLayoutBounds());
                for (int i = siblings.indexOf(at) - 1; i >= 0; i--) {
                    Node under = siblings.get(i);
                    if (under.isVisible() && covers(under.localToScene(under.getLayoutBounds()), mine)) {
                        addFill(under, layers, alphas);
                        if (!layers.isEmpty() && alphas.get(alphas.size() - 1) >= 1) {
                            break;
                        }
                    }
                }
                if (!layers.isEmpty() && alphas.get(alphas.size() - 1) >= 1) {
                    break;
                }
            }
            at = parent;
        }
        Color result = Color.WHITE; // the window's own ground under everything
        for (int i = layers.size() - 1; i >= 0; i--) {
            result = blend(layers.get(i), result, alphas.get(i));
        }
        return result;
    }

    private static boolean covers(Bounds outer, Bounds inner) {
        return outer.getMinX() <= inner.getMinX() + 1 && outer.getMinY() <= inner.getMinY() + 1
                && outer.getMaxX() >= inner.getMaxX() - 1 && outer.getMaxY() >= inner.getMaxY() - 1;
    }

    /** The top-most solid fill a node draws, with its alpha times the node's opacity. */
    private static void addFill(Node node, List<Color> layers, List<Double> alphas) {
        Paint paint = null;
        if (node instanceof Region region && region.getBackground() != null
                && !region.getBackground().getFills().isEmpty()) {
            List<BackgroundFill> fills = region.getBackground().getFills();
            for (int i = fills.size() - 1; i >= 0 && paint == null; i--) {
                if (fills.get(i).getFill() instanceof Color c && c.getOpacity() > 0) {
                    paint = c;
                }
            }
        } else if (node instanceof Shape shape && shape.getFill() instanceof Color c && c.getOpacity() > 0) {
            paint = c;
        }
        if (paint instanceof Color c) {
            layers.add(Color.color(c.getRed(), c.getGreen(), c.getBlue()));
            alphas.add(c.getOpacity() * node.getOpacity());
        }
    }

    /** The product of the opacities from a node up to (not including) {@code stop}. */
    private static double opacityUpTo(Node node, Node stop) {
        double opacity = 1;
        for (Node at = node; at != null && at != stop; at = at.getParent()) {
            opacity *= at.getOpacity();
        }
        return opacity;
    }

    static Color blend(Color top, Color under, double alpha) {
        return Color.color(top.getRed() * alpha + under.getRed() * (1 - alpha),
                top.getGreen() * alpha + under.getGreen() * (1 - alpha),
                top.getBlue() * alpha + under.getBlue() * (1 - alpha));
    }

    /** WCAG 2.1 contrast ratio: (L1 + 0.05) / (L2 + 0.05) of the relative luminances. */
    static double ratio(Color a, Color b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    static double luminance(Color c) {
        return 0.2126 * channel(c.getRed()) + 0.7152 * channel(c.getGreen()) + 0.0722 * channel(c.getBlue());
    }

    private static double channel(double v) {
        return v <= 0.04045 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }

    private static String hex(Color c) {
        return String.format(Locale.ROOT, "#%02X%02X%02X", Math.round(c.getRed() * 255),
                Math.round(c.getGreen() * 255), Math.round(c.getBlue() * 255));
    }
}
