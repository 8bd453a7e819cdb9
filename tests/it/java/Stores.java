// Keystores made through the JDK's KeyStore API, for tests/it/secret.rs.
//
//   java Stores.java make SRC.p12 SRCPASS OUTDIR
//     SRC.p12 holds a key pair "k" (keytool -genkeypair) and a trusted
//     certificate "ca". Writes OUTDIR/api.p12 and OUTDIR/api.jks (store
//     password "changeit"), OUTDIR/badchain.jks (a key whose chain does not
//     link), OUTDIR/empty.p12 (the empty password), and
//     OUTDIR/api.values (alias=hex of every secret key).
//   java Stores.java dump TYPE FILE STOREPASS [alias=keypass ...]
//     Prints every entry, sorted: "alias TYPE ALGORITHM HEX" for secret keys,
//     "alias PrivateKeyEntry ALGORITHM SHA256(encoded) chain=N" for keys,
//     "alias trustedCertEntry SHA256(cert)". A key opens with its keypass
//     when one is given, else with the store password.
import java.io.*;
import java.security.*;
import java.security.cert.Certificate;
import java.util.*;
import javax.crypto.*;
import javax.crypto.spec.*;

public class Stores {
    static String hex(byte[] b) { return HexFormat.of().formatHex(b); }

    static String sha256(byte[] b) throws Exception {
        return hex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    public static void main(String[] a) throws Exception {
        if (a[0].equals("make")) make(a); else dump(a);
    }

    static void make(String[] a) throws Exception {
        KeyStore src = KeyStore.getInstance("PKCS12");
        try (InputStream in = new FileInputStream(a[1])) { src.load(in, a[2].toCharArray()); }
        PrivateKey key = (PrivateKey) src.getKey("k", a[2].toCharArray());
        Certificate[] chain = src.getCertificateChain("k");
        Certificate ca = src.getCertificate("ca");
        File out = new File(a[3]);
        char[] store = "changeit".toCharArray();
        StringBuilder values = new StringBuilder();

        KeyGenerator aesGen = KeyGenerator.getInstance("AES");
        aesGen.init(256);
        SecretKey aes = aesGen.generateKey();
        KeyGenerator hmacGen = KeyGenerator.getInstance("HmacSHA256");
        SecretKey hmac = hmacGen.generateKey();
        SecretKey pass = SecretKeyFactory.getInstance("PBE")
            .generateSecret(new PBEKeySpec("s3cret-value".toCharArray()));
        KeyGenerator aes128 = KeyGenerator.getInstance("AES");
        aes128.init(128);
        SecretKey own = aes128.generateKey();
        values.append("aes=").append(hex(aes.getEncoded())).append('\n');
        values.append("hmac=").append(hex(hmac.getEncoded())).append('\n');
        values.append("db-pass=").append(hex(pass.getEncoded())).append('\n');
        values.append("secret-own-pass=").append(hex(own.getEncoded())).append('\n');

        KeyStore p12 = KeyStore.getInstance("PKCS12");
        p12.load(null, null);
        KeyStore.PasswordProtection storeProt = new KeyStore.PasswordProtection(store);
        p12.setEntry("aes", new KeyStore.SecretKeyEntry(aes), storeProt);
        p12.setEntry("hmac", new KeyStore.SecretKeyEntry(hmac), storeProt);
        p12.setEntry("db-pass", new KeyStore.SecretKeyEntry(pass), storeProt);
        p12.setEntry("secret-own-pass", new KeyStore.SecretKeyEntry(own),
            new KeyStore.PasswordProtection("secretpass".toCharArray()));
        p12.setKeyEntry("schlüssel-€", key, store, chain);
        p12.setKeyEntry("own-pass-key", key, "keypass2".toCharArray(), chain);
        p12.setCertificateEntry("trusted", ca);
        try (OutputStream o = new FileOutputStream(new File(out, "api.p12"))) { p12.store(o, store); }

        KeyStore jks = KeyStore.getInstance("JKS");
        jks.load(null, null);
        jks.setKeyEntry("schlüssel-€", key, store, chain);
        jks.setKeyEntry("own-pass-key", key, "keypass2".toCharArray(), chain);
        jks.setCertificateEntry("trusted", ca);
        try (OutputStream o = new FileOutputStream(new File(out, "api.jks"))) { jks.store(o, store); }

        // A key whose "chain" does not link: JKS takes it, PKCS12 would not.
        KeyStore bad = KeyStore.getInstance("JKS");
        bad.load(null, null);
        bad.setKeyEntry("bad", key, store, new Certificate[] {chain[0], ca});
        bad.setCertificateEntry("trusted", ca);
        try (OutputStream o = new FileOutputStream(new File(out, "badchain.jks"))) { bad.store(o, store); }

        char[] empty = new char[0];
        KeyStore e = KeyStore.getInstance("PKCS12");
        e.load(null, null);
        e.setKeyEntry("k", key, empty, chain);
        e.setEntry("aes", new KeyStore.SecretKeyEntry(aes), new KeyStore.PasswordProtection(empty));
        e.setCertificateEntry("trusted", ca);
        try (OutputStream o = new FileOutputStream(new File(out, "empty.p12"))) { e.store(o, empty); }

        try (Writer w = new FileWriter(new File(out, "api.values"))) { w.write(values.toString()); }
    }

    static void dump(String[] a) throws Exception {
        KeyStore ks = KeyStore.getInstance(a[1]);
        char[] store = a[3].toCharArray();
        try (InputStream in = new FileInputStream(a[2])) { ks.load(in, store); }
        Map<String, char[]> keyPass = new HashMap<>();
        for (int i = 4; i < a.length; i++) {
            int eq = a[i].indexOf('=');
            keyPass.put(a[i].substring(0, eq), a[i].substring(eq + 1).toCharArray());
        }
        List<String> aliases = Collections.list(ks.aliases());
        Collections.sort(aliases);
        for (String alias : aliases) {
            char[] kp = keyPass.getOrDefault(alias, store);
            if (ks.isCertificateEntry(alias)) {
                System.out.println(alias + " trustedCertEntry " + sha256(ks.getCertificate(alias).getEncoded()));
            } else if (ks.entryInstanceOf(alias, KeyStore.SecretKeyEntry.class)) {
                Key k = ks.getKey(alias, kp);
                System.out.println(alias + " SecretKeyEntry " + k.getAlgorithm() + " " + hex(k.getEncoded()));
            } else {
                Key k = ks.getKey(alias, kp);
                // Sign something: proof that the key works.
                Signature s = Signature.getInstance(k.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA");
                s.initSign((PrivateKey) k);
                s.update(new byte[] {1, 2, 3});
                s.sign();
                System.out.println(alias + " PrivateKeyEntry " + k.getAlgorithm() + " "
                    + sha256(k.getEncoded()) + " chain=" + ks.getCertificateChain(alias).length);
            }
        }
    }
}
