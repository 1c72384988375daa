package io.feedwatch.sink;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads query results the same way from DuckDB and PostgreSQL: instants as Instant, dates as LocalDate, binary as byte[]. */
final class Sql {
    private Sql() {
    }

    static List<Map<String, Object>> rows(Connection db, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                List<Map<String, Object>> out = new ArrayList<>();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int c = 1; c <= md.getColumnCount(); c++) {
                        row.put(md.getColumnLabel(c).toLowerCase(Locale.ROOT), value(rs, c, md.getColumnTypeName(c)));
                    }
                    out.add(row);
                }
                return out;
            }
        }
    }

    static Map<String, Object> one(Connection db, String sql, Object... params) throws SQLException {
        List<Map<String, Object>> rows = rows(db, sql, params);
        if (rows.size() != 1) {
            throw new AssertionError("expected one row from " + sql + ", got " + rows);
        }
        return rows.get(0);
    }

    static long count(Connection db, String sql, Object... params) throws SQLException {
        return ((Number) one(db, sql, params).values().iterator().next()).longValue();
    }

    private static Object value(ResultSet rs, int c, String typeName) throws SQLException {
        String type = typeName.toLowerCase(Locale.ROOT);
        if (rs.getObject(c) == null) {
            return null;
        }
        if (type.equals("timestamptz") || type.contains("with time zone")) {
            return rs.getObject(c, OffsetDateTime.class).toInstant();
        }
        if (type.equals("date")) {
            return rs.getObject(c, LocalDate.class);
        }
        if (type.equals("blob") || type.equals("bytea")) {
            return rs.getBytes(c);
        }
        if (type.equals("numeric") || type.startsWith("decimal")) {
            return rs.getDouble(c);
        }
        return rs.getObject(c);
    }
}
