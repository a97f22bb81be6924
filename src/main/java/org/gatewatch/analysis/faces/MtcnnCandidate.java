package org.gatewatch.analysis.faces;

/** A box through MTCNN's stages: inclusive corners, score, last regression, landmarks after O-Net. */
final class MtcnnCandidate {

    double x1;
    double y1;
    double x2;
    double y2;
    double score;
    double[] reg;
    double[] px;
    double[] py;

    /** Box regression of R-Net and O-Net, relative to the side with the +1 (facenet bbreg). */
    void regress() {
        double bw = x2 - x1 + 1;
        double bh = y2 - y1 + 1;
        x1 += reg[0] * bw;
        y1 += reg[1] * bh;
        x2 += reg[2] * bw;
        y2 += reg[3] * bh;
    }

    /** Makes the box square around its centre and rounds towards zero, as the nets were trained (rerec + fix). */
    void square() {
        double bw = x2 - x1;
        double bh = y2 - y1;
        double side = Math.max(bw, bh);
        x1 = fix(x1 + bw * 0.5 - side * 0.5);
        y1 = fix(y1 + bh * 0.5 - side * 0.5);
        x2 = fix(x1 + side);
        y2 = fix(y1 + side);
    }

    /** Rounds towards zero, as MATLAB's fix. */
    static double fix(double v) {
        return v < 0 ? Math.ceil(v) : Math.floor(v);
    }
}
