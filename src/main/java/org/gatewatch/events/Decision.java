package org.gatewatch.events;

/** What the gate decided about one walk-through. */
public enum Decision {
    /** A recognised, active person inside their access windows. */
    GRANTED,
    /** A face that is unknown, inactive or outside its windows. */
    DENIED,
    /** Someone walked through and no face decision applies (counted, not judged). */
    PASSAGE
}
