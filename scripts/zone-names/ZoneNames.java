import java.util.*;
public class ZoneNames {
    public static void main(String[] a) {
        long jan = 1768478400000L; // 2026-01-15T12:00:00Z
        long jul = 1783944000000L; // 2026-07-14T12:00:00Z
        String[] ids = TimeZone.getAvailableIDs();
        Arrays.sort(ids);
        for (String id : ids) {
            TimeZone tz = TimeZone.getTimeZone(id);
            StringBuilder sb = new StringBuilder(id);
            for (long t : new long[]{jan, jul}) {
                Date d = new Date(t);
                boolean dst = tz.inDaylightTime(d);
                sb.append('\t').append(tz.getOffset(t) / 60000).append('\t').append(dst ? 1 : 0).append('\t').append(tz.getDisplayName(dst, TimeZone.SHORT, Locale.US));
            }
            System.out.println(sb);
        }
    }
}
