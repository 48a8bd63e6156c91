package org.linli.kiosk.ui;

import javafx.geometry.Pos;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.shape.FillRule;
import javafx.scene.shape.SVGPath;

/**
 * Pictures drawn from shapes in the code (no icon font to download or license) so that a resident who cannot read
 * finds a tile by its shape: a phone with a code to check in, a ticket for a number, a door for a room, people for
 * activities, a card for the resident card, a calendar for one's bookings, a smiling face for a rating, a clock
 * for a place on a waitlist; and who may be served first. Each is drawn in a 48×48 box; holes are the parts that
 * overlap an even number of times (even-odd filling).
 */
public enum Pictogram {
    /** A phone showing a QR code. */
    CHECKIN("M13 3H35Q38 3 38 6V42Q38 45 35 45H13Q10 45 10 42V6Q10 3 13 3Z M14 8H34V37H14Z"
            + " M16 10H23V17H16Z M18 12V15H21V12Z M25 10H32V17H25Z M27 12V15H30V12Z"
            + " M16 19H23V26H16Z M18 21V24H21V21Z M25 19H28V22H25Z M29 23H32V26H29Z M25 24H27V26H25Z"
            + " M16 29H32V32H16Z M21 40H27V42H21Z"),
    /** A mobile phone, for typing the phone number instead. */
    PHONE("M13 3H35Q38 3 38 6V42Q38 45 35 45H13Q10 45 10 42V6Q10 3 13 3Z M14 8H34V37H14Z M21 40H27V42H21Z"
            + " M17 12H31V15H17Z M17 19H31V22H17Z M17 26H26V29H17Z"),
    /** A ticket with notched sides, a tear line and two lines of print. */
    TICKET("M3 12H45V20A4 4 0 0 0 45 28V36H3V28A4 4 0 0 0 3 20Z"
            + " M13 14H15V18H13Z M13 22H15V26H13Z M13 30H15V34H13Z M19 17H39V22H19Z M19 26H33V31H19Z"),
    /** A door in its frame, with a handle, on the floor. */
    DOOR("M10 3H38V42H45V45H3V42H10Z M14 7V42H34V7Z M28 22A2.5 2.5 0 1 1 28 27A2.5 2.5 0 1 1 28 22Z"),
    /** Two people side by side. */
    PEOPLE("M14 8A6 6 0 1 1 14 20A6 6 0 1 1 14 8Z M3 42V36A11 10 0 0 1 25 36V42Z"
            + " M35 10A5.5 5.5 0 1 1 35 21A5.5 5.5 0 1 1 35 10Z M27 42V36A10 9 0 0 1 45 36V42Z"),
    /** A card with a portrait and lines of writing. */
    CARD("M3 9H45V39H3Z M6 12V36H42V12Z M15 16A4.5 4.5 0 1 1 15 25A4.5 4.5 0 1 1 15 16Z M8 34A7 6 0 0 1 22 34Z"
            + " M25 17H39V20H25Z M25 23H39V26H25Z M25 29H35V32H25Z"),
    /** An older person with a walking stick (who may be served first). */
    ELDER("M20 3A5 5 0 1 1 20 13A5 5 0 1 1 20 3Z M15 15H25V30H15Z M15 31H19V45H15Z M21 31H25V45H21Z"
            + " M26 17L31 21V24L26 21Z M31 25H34V45H31Z"),
    /** A pregnant woman. */
    PREGNANT("M21 3A5 5 0 1 1 21 13A5 5 0 1 1 21 3Z M16 15H26Q38 25 27 32V45H23V34H20V45H16Z"),
    /** A person in a wheelchair. */
    WHEELCHAIR("M17 2A4.5 4.5 0 1 1 17 11A4.5 4.5 0 1 1 17 2Z M14 13H20V22H29L35 38H31L27 27H14Z"
            + " M18 24A11 11 0 1 1 18 46A11 11 0 1 1 18 24Z M18 28A7 7 0 1 0 18 42A7 7 0 1 0 18 28Z"),
    /** A pram, for a resident with a baby. */
    BABY("M4 18H36A16 13 0 0 1 4 18Z M4 16A16 14 0 0 1 20 2V16Z M36 17L43 7H46L39 17Z"
            + " M12 35A4 4 0 1 1 12 43A4 4 0 1 1 12 35Z M28 35A4 4 0 1 1 28 43A4 4 0 1 1 28 35Z"),
    /** A calendar page with a tick: the bookings a resident has made. */
    CALENDAR("M5 9H43V44H5Z M9 17V40H39V17Z M13 3H18V9H13Z M30 3H35V9H30Z"
            + " M14 28L18 24L22 28L30 20L34 24L22 36Z"),
    /** A clock at five to four, for a place on a waitlist: waiting, not yet done. */
    CLOCK("M24 3A21 21 0 1 1 24 45A21 21 0 1 1 24 3Z M24 7A17 17 0 1 0 24 41A17 17 0 1 0 24 7Z"
            + " M22 11H26V22.4L33.4 29.8L30.6 32.6L22 24Z"),
    /** A smiling face. */
    SMILE("M24 3A21 21 0 1 1 24 45A21 21 0 1 1 24 3Z M24 7A17 17 0 1 0 24 41A17 17 0 1 0 24 7Z"
            + " M17 15.5A3 3 0 1 1 17 21.5A3 3 0 1 1 17 15.5Z M31 15.5A3 3 0 1 1 31 21.5A3 3 0 1 1 31 15.5Z"
            + " M14 27A10 10 0 0 0 34 27A10 7 0 0 1 14 27Z");

    /** The side of the box the paths are drawn in. */
    static final double BOX = 48;

    private final String path;

    Pictogram(String path) {
        this.path = path;
    }

    /** The SVG path, in the 48×48 box. */
    public String path() {
        return path;
    }

    /** The picture alone, {@code size} pixels square, filled by kiosk.css's {@code .pictogram}. */
    public Node node(double size) {
        SVGPath shape = new SVGPath();
        shape.setContent(path);
        // the wheelchair's ring lies under its body: non-zero filling, its hole drawn the other way round
        shape.setFillRule(this == WHEELCHAIR ? FillRule.NON_ZERO : FillRule.EVEN_ODD);
        shape.getStyleClass().addAll("pictogram", "pictogram-" + name().toLowerCase(java.util.Locale.ROOT));
        // scaled about the box's middle; the group measures what is drawn, so it takes the scaled size
        double scale = size / BOX;
        shape.setScaleX(scale);
        shape.setScaleY(scale);
        Group group = new Group(shape);
        group.setId("pictogram-" + name().toLowerCase(java.util.Locale.ROOT));
        return group;
    }

    /** The picture in a round badge (kiosk.css's {@code .badge} and the given styles give its size and colours). */
    public Node badge(double size, String... styles) {
        StackPane badge = new StackPane(node(size));
        badge.setAlignment(Pos.CENTER);
        badge.getStyleClass().add("badge");
        badge.getStyleClass().addAll(styles);
        badge.setMinSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        return badge;
    }
}
