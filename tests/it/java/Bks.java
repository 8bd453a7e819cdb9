// BouncyCastle keystores through the KeyStore API, for tests/it/bouncycastle.rs.
// Run with the Debian BouncyCastle jar on the class path:
//
//   java -cp /usr/share/java/bcprov.jar Bks.java add FILE TYPE STOREPASS
//     Adds to FILE (BKS or UBER) what keytool's command line cannot make:
//     "Opaque" (KeyStore.setKeyEntry(alias, byte[], null): a type 3 entry of
//     the bytes "opaque-secret") and "Hmac-Own" (an HmacSHA256 key of 32
//     bytes 0x2A sealed under its own password "hmac-pass").
//   java -cp /usr/share/java/bcprov.jar Bks.java dump FILE TYPE STOREPASS [alias=keypass ...]
//     Prints every entry, sorted: "alias PrivateKeyEntry ALG chain=N signs-for-its-certificate"
//     (the key signs, its certificate's public key verifies),
//     "alias SecretKeyEntry ALG HEX", "alias trustedCertEntry SHA256(cert)".
//     A key opens with its keypass when one is given, else the store password.
//   java -cp /usr/share/java/bcprov.jar Bks.java copies FILE UBER STOREPASS
//     Stores FILE again (fresh salt each time) until it has written zero-1..3
//     (copies whose Twofish body starts with a 0 byte, about 1 in 256) and
//     plain-1..3 (copies that do not), next to FILE; at most 20000 tries.
import java.io.*;
import java.security.*;
import java.security.cert.Certificate;
import java.util.*;
import javax.crypto.spec.SecretKeySpec;

public class Bks {
    static String hex(byte[] b) { return HexFormat.of().formatHex(b); }

    static String sha256(byte[] b) throws Exception {
        return hex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    static KeyStore load(String file, String type, char[] pass) throws Exception {
        KeyStore ks = KeyStore.getInstance(type, "BC");
        try (InputStream in = new FileInputStream(file)) {
            ks.load(in, pass);
        }
        return ks;
    }

    public static void main(String[] a) throws Exception {
        Security.addProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider());
        String file = a[1], type = a[2];
        char[] pass = a[3].toCharArray();
        KeyStore ks = load(file, type, pass);
        if (a[0].equals("add")) {
            ks.setKeyEntry("Opaque", "opaque-secret".getBytes("UTF-8"), null);
            byte[] k = new byte[32];
            Arrays.fill(k, (byte) 0x2A);
            ks.setKeyEntry("Hmac-Own", new SecretKeySpec(k, "HmacSHA256"), "hmac-pass".toCharArray(), null);
            try (OutputStream out = new FileOutputStream(file)) {
                ks.store(out, pass);
            }
            return;
        }
        if (a[0].equals("copies")) {
            int zero = 0, plain = 0;
            String dir = new File(file).getAbsoluteFile().getParent();
            for (int i = 0; i < 20000 && (zero < 3 || plain < 3); i++) {
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                ks.store(out, pass);
                byte[] b = out.toByteArray();
                // version, salt length, 20-byte salt, iteration count: 32 bytes.
                String name = b[32] == 0 ? (zero < 3 ? "zero-" + ++zero : null)
                        : (plain < 3 ? "plain-" + ++plain : null);
                if (name != null) {
                    try (OutputStream f = new FileOutputStream(new File(dir, name + ".uber"))) {
                        f.write(b);
                    }
                }
            }
            if (zero < 3 || plain < 3) throw new IllegalStateException("zero=" + zero + " plain=" + plain);
            return;
        }
        Map<String, String> keypass = new HashMap<>();
        for (int i = 4; i < a.length; i++) {
            int eq = a[i].indexOf('=');
            keypass.put(a[i].substring(0, eq), a[i].substring(eq + 1));
        }
        List<String> lines = new ArrayList<>();
        for (String alias : Collections.list(ks.aliases())) {
            if (ks.isCertificateEntry(alias)) {
                lines.add(alias + " trustedCertEntry " + sha256(ks.getCertificate(alias).getEncoded()));
                continue;
            }
            char[] kp = keypass.getOrDefault(alias, a[3]).toCharArray();
            Key key = ks.getKey(alias, kp);
            Certificate[] chain = ks.getCertificateChain(alias);
            if (chain != null) {
                // The key is the one of its certificate: it signs, the certificate verifies.
                String alg = key.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
                Signature s = Signature.getInstance(alg);
                s.initSign((PrivateKey) key);
                s.update(alias.getBytes("UTF-8"));
                byte[] sig = s.sign();
                s.initVerify(chain[0].getPublicKey());
                s.update(alias.getBytes("UTF-8"));
                lines.add(alias + " PrivateKeyEntry " + key.getAlgorithm() + " chain=" + chain.length
                        + (s.verify(sig) ? " signs-for-its-certificate" : " DOES-NOT-MATCH"));
            } else {
                lines.add(alias + " SecretKeyEntry " + key.getAlgorithm() + " " + hex(key.getEncoded()));
            }
        }
        Collections.sort(lines);
        for (String l : lines) System.out.println(l);
    }
}
