-- Policy areas of every Index version, in display order.
SELECT area_id, version_id, code, name_en, name_fr, short_en, short_fr, group_code, optional,
       display_order, harmonised_code, source_url
FROM policy_area
ORDER BY version_id, display_order;
