// Prints every entry of a keystore as the JDK's KeyStore API sees it, one line each:
//   <alias> <type> <algorithm> <hex of getEncoded()>   for keys (the key recovered)
//   <alias> trustedCert <SHA-256 of the certificate>
// Key passwords: "alias=password" arguments, else the store password.
// Usage: java KeyStoreDump.java FILE STORETYPE STOREPASS [alias=keypass ...]
// Used by scripts/gen-jceks-fixtures.sh and tests/it/jceks.rs; it only reads.
import java.io.FileInputStream;
import java.security.Key;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.util.*;

public class KeyStoreDump {
    static String hex(byte[] b) {
        StringBuilder s = new StringBuilder();
        for (byte x : b) s.append(String.format("%02x", x));
        return s.toString();
    }

    public static void main(String[] a) throws Exception {
        KeyStore ks = KeyStore.getInstance(a[1]);
        try (FileInputStream in = new FileInputStream(a[0])) {
            ks.load(in, a[2].toCharArray());
        }
        Map<String, String> pw = new HashMap<>();
        for (int i = 3; i < a.length; i++) {
            int eq = a[i].indexOf('=');
            pw.put(a[i].substring(0, eq), a[i].substring(eq + 1));
        }
        List<String> aliases = Collections.list(ks.aliases());
        Collections.sort(aliases);
        for (String alias : aliases) {
            if (ks.isCertificateEntry(alias)) {
                byte[] d = MessageDigest.getInstance("SHA-256").digest(ks.getCertificate(alias).getEncoded());
                System.out.println(alias + " trustedCert " + hex(d));
                continue;
            }
            char[] kp = pw.getOrDefault(alias, a[2]).toCharArray();
            Key k = ks.getKey(alias, kp);
            String type = ks.entryInstanceOf(alias, KeyStore.SecretKeyEntry.class) ? "secretKey" : "privateKey";
            System.out.println(alias + " " + type + " " + k.getAlgorithm() + " " + hex(k.getEncoded()));
        }
    }
}
