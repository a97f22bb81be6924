package org.gatewatch.natives;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.tensorflowlite.BuiltinOpResolver;
import org.bytedeco.tensorflowlite.FlatBufferModel;
import org.bytedeco.tensorflowlite.Interpreter;
import org.bytedeco.tensorflowlite.InterpreterBuilder;
import org.bytedeco.tensorflowlite.TfLiteIntArray;
import org.bytedeco.tensorflowlite.TfLiteTensor;
import org.bytedeco.tensorflowlite.global.tensorflowlite;

/**
 * One TensorFlow Lite model with its interpreter (bytedeco's TFLite: OpenCV's importer cannot read these models).
 * Input 0 float32 ({@link #input()}) or uint8 for a quantised model ({@link #inputBytes()}); float32 outputs. Not thread-safe: an interpreter holds its tensors, so each thread
 * needs its own instance. Owns the native model, resolver and interpreter and frees them in {@link #close()}.
 */
public final class TfLiteModel implements AutoCloseable {

    private static final Logger LOG = LogManager.getLogger(TfLiteModel.class);

    private final String name;
    private FlatBufferModel model;
    /** The model's bytes when it was built from memory: the model reads them in place, so they live as long. */
    private BytePointer buffer;
    private BuiltinOpResolver resolver;
    private Interpreter interpreter;
    private int[] inputShape;

    /**
     * @param file    the .tflite file
     * @param threads interpreter threads; 1 keeps one camera's analysis on one core of this 2-core machine
     */
    public TfLiteModel(Path file, int threads) {
        this(file.getFileName().toString(), fromFile(file), null, threads);
    }

    /**
     * A model held in memory, such as one whose declared shapes were rewritten; its bytes are verified as a TFLite
     * model and copied to native memory that this instance owns.
     */
    public static TfLiteModel fromBytes(String name, byte[] flatBuffer, int threads) {
        TfLiteRuntime.load();
        BytePointer bytes = new BytePointer(flatBuffer);
        FlatBufferModel m = FlatBufferModel.VerifyAndBuildFromBuffer(bytes, flatBuffer.length);
        if (m == null || m.isNull()) {
            bytes.deallocate();
            throw new IllegalArgumentException("not a valid TFLite model: " + name);
        }
        return new TfLiteModel(name, m, bytes, threads);
    }

    private static FlatBufferModel fromFile(Path file) {
        TfLiteRuntime.load();
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException("TFLite model not readable: " + file);
        }
        FlatBufferModel m = FlatBufferModel.BuildFromFile(file.toString());
        if (m == null || m.isNull()) {
            throw new IllegalArgumentException("not a TFLite model: " + file);
        }
        return m;
    }

    private TfLiteModel(String name, FlatBufferModel model, BytePointer buffer, int threads) {
        this.name = name;
        this.model = model;
        this.buffer = buffer;
        resolver = new BuiltinOpResolver();
        interpreter = new Interpreter((Pointer) null);
        try {
            InterpreterBuilder builder = new InterpreterBuilder(model, resolver);
            try {
                check(builder.apply(interpreter, threads), "build interpreter");
            } finally {
                builder.deallocate();
            }
            check(interpreter.AllocateTensors(), "allocate tensors");
            inputShape = dims(interpreter.input_tensor(0));
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        LOG.debug("TFLite model {} loaded, input {}", name, java.util.Arrays.toString(inputShape));
    }

    /** Input 0's shape, e.g. [1, 24, 24, 3]. */
    public int[] inputShape() {
        return inputShape.clone();
    }

    /**
     * Reshapes input 0 (a batch size or image size the graph allows) and reallocates; no-op if unchanged. Not cheap
     * where XNNPACK runs the graph: it plans the graph again (P-Net: about 2 ms, several times its run at 64×64).
     */
    public void resizeInput(int... shape) {
        if (java.util.Arrays.equals(shape, inputShape)) {
            return;
        }
        // ResizeInputTensor takes the tensor's index in the graph, not the input's position.
        check(interpreter.ResizeInputTensor(interpreter.inputs().get(0), shape),
                "resize input to " + java.util.Arrays.toString(shape));
        check(interpreter.AllocateTensors(), "allocate tensors");
        inputShape = shape.clone();
    }

    /** Input 0's buffer, valid until the next {@link #resizeInput}. */
    public FloatPointer input() {
        return interpreter.typed_input_tensor_float(0).capacity(count(inputShape));
    }

    /** Input 0's buffer for a quantised model whose input is uint8, valid until the next {@link #resizeInput}. */
    public BytePointer inputBytes() {
        TfLiteTensor t = interpreter.input_tensor(0);
        if (t.type() != tensorflowlite.kTfLiteUInt8) {
            throw new IllegalStateException("TFLite " + name + ": input 0 is type " + t.type() + ", not uint8");
        }
        return t.data().uint8().capacity(count(inputShape));
    }

    public void invoke() {
        check(interpreter.Invoke(), "invoke");
    }

    /** Output {@code i}'s shape after the last {@link #invoke()}. */
    public int[] outputShape(int i) {
        return dims(interpreter.output_tensor(i));
    }

    /** Output {@code i} copied to the Java heap. */
    public float[] output(int i) {
        float[] out = new float[count(outputShape(i))];
        interpreter.typed_output_tensor_float(i).get(out);
        return out;
    }

    @Override
    public synchronized void close() {
        if (interpreter != null) {
            interpreter.deallocate();
            resolver.deallocate();
            model.deallocate();
            if (buffer != null) {
                buffer.deallocate();
                buffer = null;
            }
            interpreter = null;
            resolver = null;
            model = null;
        }
    }

    private void check(int status, String what) {
        if (status != tensorflowlite.kTfLiteOk) {
            throw new IllegalStateException("TFLite " + name + ": " + what + " failed (status " + status + ")");
        }
    }

    private static int[] dims(TfLiteTensor t) {
        TfLiteIntArray d = t.dims();
        int[] shape = new int[d.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = d.data(i);
        }
        return shape;
    }

    private static int count(int[] shape) {
        int n = 1;
        for (int s : shape) {
            n *= s;
        }
        return n;
    }
}
