// BouncyCastle BCFKS stores through the KeyStore API, for tests/it/bcfks.rs.
// Run with the Debian BouncyCastle jar on the class path:
//
//   java -cp /usr/share/java/bcprov.jar Bcfks.java make SRC STOREPASS OUT MODE
//     Writes OUT, a BCFKS store of SRC's private keys (each under the key
//     password "keypass") and certificates (not its secret keys), plus secret keys keytool's
//     command line cannot make: "des3" (DESede, 24 bytes 0x11), "hmac512"
//     (HmacSHA512, 64 bytes 0x22) and "MixedCase" (AES, 16 bytes 0x33), all
//     under STOREPASS. MODE picks what BCFKSLoadStoreParameter asks for:
//     "default" (BouncyCastle's defaults; also "camellia", Camellia 32 bytes
//     0x44, and "Opaque", KeyStore.setKeyEntry(alias, byte[], null) of the
//     bytes "opaque-secret": a type 4 entry), "kwp" (AES-256-KWP instead of
//     AES-256-CCM), "sha3" (HMAC-SHA3-512 integrity) or "scrypt" (scrypt,
//     N=1024 r=8 p=1, 20-byte salt, instead of PBKDF2).
//
//   java -cp /usr/share/java/bcprov.jar Bcfks.java dump FILE TYPE STOREPASS [alias=keypass ...]
//     As Bks.java's dump, BCFKS through BouncyCastle and other types (PKCS12,
//     JCEKS) through the JDK's own provider. BouncyCastle 1.72 cannot
//     recover the HMAC keys it stores in BCFKS (it looks up a key factory by
//     the key's OID, and has none): such an entry prints
//     "alias SecretKeyEntry BC-CANNOT-RECOVER: <message>".
import java.io.*;
import java.security.*;
import java.util.*;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.util.ScryptConfig;
import org.bouncycastle.jcajce.BCFKSLoadStoreParameter;

public class Bcfks {
    static byte[] filled(int n, int b) {
        byte[] k = new byte[n];
        Arrays.fill(k, (byte) b);
        return k;
    }

    static String hex(byte[] b) { return HexFormat.of().formatHex(b); }

    static void dump(String[] a) throws Exception {
        KeyStore ks = a[2].equals("BCFKS") ? KeyStore.getInstance("BCFKS", "BC") : KeyStore.getInstance(a[2]);
        try (InputStream in = new FileInputStream(a[1])) {
            ks.load(in, a[3].toCharArray());
        }
        Map<String, String> keypass = new HashMap<>();
        for (int i = 4; i < a.length; i++) {
            int eq = a[i].indexOf('=');
            keypass.put(a[i].substring(0, eq), a[i].substring(eq + 1));
        }
        List<String> lines = new ArrayList<>();
        for (String alias : Collections.list(ks.aliases())) {
            if (ks.isCertificateEntry(alias)) {
                lines.add(alias + " trustedCertEntry "
                        + hex(MessageDigest.getInstance("SHA-256").digest(ks.getCertificate(alias).getEncoded())));
                continue;
            }
            char[] kp = keypass.getOrDefault(alias, a[3]).toCharArray();
            java.security.cert.Certificate[] chain = ks.getCertificateChain(alias);
            if (chain == null) {
                try {
                    Key key = ks.getKey(alias, kp);
                    lines.add(alias + " SecretKeyEntry " + key.getAlgorithm() + " " + hex(key.getEncoded()));
                } catch (UnrecoverableKeyException e) {
                    if (!e.getMessage().contains("no such algorithm")) throw e;
                    lines.add(alias + " SecretKeyEntry BC-CANNOT-RECOVER: " + e.getMessage());
                }
                continue;
            }
            // The key is the one of its certificate: it signs, the certificate verifies.
            Key key = ks.getKey(alias, kp);
            String alg = key.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
            Signature s = Signature.getInstance(alg);
            s.initSign((PrivateKey) key);
            s.update(alias.getBytes("UTF-8"));
            byte[] sig = s.sign();
            s.initVerify(chain[0].getPublicKey());
            s.update(alias.getBytes("UTF-8"));
            lines.add(alias + " PrivateKeyEntry " + key.getAlgorithm() + " chain=" + chain.length
                    + (s.verify(sig) ? " signs-for-its-certificate" : " DOES-NOT-MATCH"));
        }
        Collections.sort(lines);
        for (String l : lines) System.out.println(l);
    }

    public static void main(String[] a) throws Exception {
        Security.addProvider(new org.bouncycastle.jce.provider.BouncyCastleProvider());
        if (a[0].equals("dump")) {
            dump(a);
            return;
        }
        char[] sp = a[2].toCharArray();
        KeyStore src = KeyStore.getInstance("BCFKS", "BC");
        try (InputStream in = new FileInputStream(a[1])) {
            src.load(in, sp);
        }
        String mode = a[4];
        BCFKSLoadStoreParameter.Builder b =
                new BCFKSLoadStoreParameter.Builder(new FileOutputStream(a[3]), sp);
        if (mode.equals("kwp"))
            b = b.withStoreEncryptionAlgorithm(BCFKSLoadStoreParameter.EncryptionAlgorithm.AES256_KWP);
        if (mode.equals("sha3"))
            b = b.withStoreMacAlgorithm(BCFKSLoadStoreParameter.MacAlgorithm.HmacSHA3_512);
        if (mode.equals("scrypt"))
            b = b.withStorePBKDFConfig(new ScryptConfig.Builder(1024, 8, 1).withSaltLength(20).build());
        BCFKSLoadStoreParameter p = b.build();
        KeyStore ks = KeyStore.getInstance("BCFKS", "BC");
        // Keys are encrypted as they are set: the store's algorithm first.
        ks.load(new BCFKSLoadStoreParameter.Builder()
                .withStoreEncryptionAlgorithm(p.getStoreEncryptionAlgorithm()).build());
        for (String alias : Collections.list(src.aliases())) {
            if (src.isCertificateEntry(alias)) {
                ks.setCertificateEntry(alias, src.getCertificate(alias));
            } else if (src.getCertificateChain(alias) != null) {
                ks.setKeyEntry(alias, src.getKey(alias, sp), "keypass".toCharArray(),
                        src.getCertificateChain(alias));
            }
        }
        ks.setKeyEntry("des3", new SecretKeySpec(filled(24, 0x11), "DESede"), sp, null);
        ks.setKeyEntry("hmac512", new SecretKeySpec(filled(64, 0x22), "HmacSHA512"), sp, null);
        ks.setKeyEntry("MixedCase", new SecretKeySpec(filled(16, 0x33), "AES"), sp, null);
        if (mode.equals("default")) {
            ks.setKeyEntry("camellia", new SecretKeySpec(filled(32, 0x44), "Camellia"), sp, null);
            ks.setKeyEntry("Opaque", "opaque-secret".getBytes("UTF-8"), null);
        }
        ks.store(p);
    }
}
