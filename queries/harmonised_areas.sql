-- Harmonised areas with a display name (from the newest version that has them) and the versions they exist in.
SELECT harmonised_code,
       arg_max(name_en, version_id) AS name_en, arg_max(name_fr, version_id) AS name_fr,
       arg_max(short_en, version_id) AS short_en, arg_max(short_fr, version_id) AS short_fr,
       list(version_id ORDER BY version_id) AS versions, min(display_order) AS display_order
FROM policy_area
GROUP BY harmonised_code
ORDER BY display_order, harmonised_code;
