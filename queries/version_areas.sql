-- The policy areas of one Index version in radar order (composites excluded, aggregate kept apart).
SELECT area_id, code, harmonised_code, name_en, name_fr, short_en, short_fr, group_code, optional, display_order
FROM policy_area
WHERE version_id = $version_id
ORDER BY display_order;
