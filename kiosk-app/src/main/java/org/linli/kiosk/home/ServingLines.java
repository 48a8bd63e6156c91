package org.linli.kiosk.home;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleSupplier;
import java.util.function.IntFunction;
import javafx.geometry.HPos;
import javafx.geometry.Orientation;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.layout.Pane;
import org.linli.kiosk.home.HomeViewModel.Serving;

/**
 * The now-serving strip's items in lines across the strip, no more lines than the panel has room for. What does not
 * fit is left out, the services a resident least watches for first ({@link HomeViewModel#mostWatched}), and the last
 * item says how many are left out ("另有2项服务在排队"). A flow pane took as many lines as the items needed: with four
 * services or more the small panel's strip ran off the bottom of the screen, and the 1920×1080 one's with six.
 */
final class ServingLines extends Pane {
    private final int maxLines;
    private final DoubleSupplier room;
    private final double hgap;
    private final double vgap;
    private final List<Serving> services;
    private final List<Node> items;
    // more.get(n - 1) says that n services are left out
    private final List<Node> more = new ArrayList<>();
    private final Node tail;

    /**
     * @param maxLines the most lines the strip takes, however much room is left
     * @param room the height the screen leaves for the lines: the doors above keep what their words need
     * @param items each service's item, in the strip's order
     * @param more the item that says how many services are left out
     * @param tail what follows the services when none is left out and there is room ("其他服务现在无需等候"), or
     *     what the strip says instead of services when it has none; null for nothing
     */
    ServingLines(int maxLines, DoubleSupplier room, double hgap, double vgap, List<Serving> services,
            List<Node> items, IntFunction<Node> more, Node tail) {
        this.maxLines = maxLines;
        this.room = room;
        this.hgap = hgap;
        this.vgap = vgap;
        this.services = List.copyOf(services);
        this.items = List.copyOf(items);
        this.tail = tail;
        getChildren().addAll(items);
        for (int n = 1; n <= services.size(); n++) {
            this.more.add(more.apply(n));
        }
        getChildren().addAll(this.more);
        if (tail != null) {
            getChildren().add(tail);
        }
    }

    /** The items shown in {@code width}: every service if they fit, else the most watched that fit with "more". */
    private List<Node> shown(double width) {
        int all = services.size();
        if (tail != null) {
            List<Node> withTail = new ArrayList<>(items);
            withTail.add(tail);
            if (all == 0 || fits(withTail, width)) {
                return withTail;
            }
        }
        for (int count = all; count > 0; count--) {
            List<Node> shown = new ArrayList<>();
            HomeViewModel.mostWatched(services, count).forEach(s -> shown.add(items.get(services.indexOf(s))));
            if (count < all) {
                shown.add(more.get(all - count - 1));
            }
            if (fits(shown, width)) {
                return shown;
            }
        }
        return all == 0 ? List.of() : List.of(more.get(all - 1));
    }

    private boolean fits(List<Node> nodes, double width) {
        List<List<Node>> rows = rows(nodes, width);
        return rows.size() <= maxLines && contentHeight(rows) <= room.getAsDouble() + 1;
    }

    /** {@code nodes} in lines of {@code width} at most, each as wide as it likes (a wider one alone on its line). */
    private List<List<Node>> rows(List<Node> nodes, double width) {
        List<List<Node>> rows = new ArrayList<>();
        List<Node> row = new ArrayList<>();
        double x = 0;
        for (Node node : nodes) {
            double w = snapSizeX(node.prefWidth(-1));
            if (!row.isEmpty() && x + snapSpaceX(hgap) + w > width) {
                rows.add(row);
                row = new ArrayList<>();
            }
            x = row.isEmpty() ? w : x + snapSpaceX(hgap) + w;
            row.add(node);
        }
        if (!row.isEmpty()) {
            rows.add(row);
        }
        return rows;
    }

    private double rowHeight(List<Node> row) {
        return row.stream().mapToDouble(node -> snapSizeY(node.prefHeight(-1))).max().orElse(0);
    }

    private double contentHeight(List<List<Node>> rows) {
        return rows.stream().mapToDouble(this::rowHeight).sum() + snapSpaceY(vgap) * Math.max(0, rows.size() - 1);
    }

    @Override
    public Orientation getContentBias() {
        return Orientation.HORIZONTAL;
    }

    @Override
    protected double computeMinWidth(double height) {
        return snappedLeftInset() + snappedRightInset();
    }

    /** As wide as the widest item: the strip gives it the width it has left. */
    @Override
    protected double computePrefWidth(double height) {
        return snappedLeftInset() + snappedRightInset() + getChildren().stream()
                .mapToDouble(node -> snapSizeX(node.prefWidth(-1))).max().orElse(0);
    }

    @Override
    protected double computeMinHeight(double width) {
        return computePrefHeight(width);
    }

    @Override
    protected double computePrefHeight(double width) {
        double inside = width < 0 ? Double.MAX_VALUE : width - snappedLeftInset() - snappedRightInset();
        return snappedTopInset() + snappedBottomInset() + contentHeight(rows(shown(inside), inside));
    }

    @Override
    protected void layoutChildren() {
        double width = getWidth() - snappedLeftInset() - snappedRightInset();
        List<Node> shown = shown(width);
        getChildren().forEach(child -> child.setVisible(shown.contains(child)));
        List<List<Node>> rows = rows(shown, width);
        // the lines together in the middle of the height, as the flow pane's CENTER_LEFT put them
        double free = getHeight() - snappedTopInset() - snappedBottomInset() - contentHeight(rows);
        double y = snappedTopInset() + Math.max(0, free / 2);
        for (List<Node> row : rows) {
            double height = rowHeight(row);
            double x = snappedLeftInset();
            for (Node node : row) {
                double w = snapSizeX(node.prefWidth(-1));
                layoutInArea(node, x, y, w, height, 0, HPos.LEFT, VPos.CENTER);
                x += w + snapSpaceX(hgap);
            }
            y += height + snapSpaceY(vgap);
        }
    }
}
