// keytool's own parsing of -dname and -ext, many inputs in one JVM, for
// tests/it/differential.rs.
//
//   java --add-exports java.base/sun.security.x509=ALL-UNNAMED \
//        --add-opens java.base/sun.security.tools.keytool=ALL-UNNAMED \
//        DnameExt.java SPKI_HEX < inputs
//
// Each input line is "D HEX" (a -dname value) or "E HEX" (one -ext value),
// HEX being the value's UTF-8 bytes. Each output line is "OK HEX" (for D:
// the DER of new X500Name(value), as keytool -genkeypair -dname makes it;
// for E: the DER SEQUENCE of the extensions keytool's createV3Extensions
// makes for a -certreq/-genkeypair with that -ext and the public key
// SPKI_HEX) or "ERR message" when keytool refuses the value.
import java.io.*;
import java.lang.reflect.*;
import java.nio.charset.StandardCharsets;
import java.security.*;
import java.security.spec.X509EncodedKeySpec;
import java.util.*;
import sun.security.x509.CertificateExtensions;
import sun.security.x509.X500Name;

public class DnameExt {
    public static void main(String[] a) throws Exception {
        HexFormat hex = HexFormat.of();
        byte[] spki = hex.parseHex(a[0]);
        PublicKey key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(spki));
        Class<?> main = Class.forName("sun.security.tools.keytool.Main");
        Constructor<?> ctor = main.getDeclaredConstructor();
        ctor.setAccessible(true);
        Method create = null;
        for (Method m : main.getDeclaredMethods()) {
            if (m.getName().equals("createV3Extensions")) create = m;
        }
        create.setAccessible(true);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
        PrintStream out = new PrintStream(new BufferedOutputStream(System.out), false, "US-ASCII");
        String line;
        while ((line = in.readLine()) != null) {
            String value = new String(hex.parseHex(line.substring(2)), StandardCharsets.UTF_8);
            try {
                byte[] der;
                if (line.charAt(0) == 'D') {
                    der = new X500Name(value).getEncoded();
                } else {
                    Object tool = ctor.newInstance();
                    CertificateExtensions exts = (CertificateExtensions) create.invoke(
                        tool, null, null, List.of(value), key, null);
                    ByteArrayOutputStream bo = new ByteArrayOutputStream();
                    exts.encode(bo, true);
                    der = bo.toByteArray();
                }
                out.println("OK " + hex.formatHex(der));
            } catch (Throwable t) {
                while ((t instanceof InvocationTargetException || t instanceof RuntimeException)
                        && t.getCause() != null) {
                    t = t.getCause();
                }
                String m = String.valueOf(t.getMessage()).replace('\n', ' ').replace('\r', ' ');
                out.println("ERR " + t.getClass().getSimpleName() + ": " + m);
            }
        }
        out.flush();
    }
}
