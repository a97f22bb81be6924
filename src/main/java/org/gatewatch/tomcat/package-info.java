/**
 * What GateWatch adds to Tomcat itself: classes that Tomcat loads from its {@code lib/} folder (the
 * {@code gatewatch-*-tomcat.jar} the build puts beside the natives), not from the WAR. They see Tomcat and the JDK
 * only, never the webapp's classes.
 */
package org.gatewatch.tomcat;
