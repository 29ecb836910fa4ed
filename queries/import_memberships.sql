-- The stored memberships a membership round is compared with: one row per city and membership.
-- internal: for the coordinators' import and its checks; not published as a data twin
SELECT city_id, scope, coalesce(network_id, '') AS network_id, status, joined_year, left_year
FROM membership
ORDER BY city_id, scope, network_id;
