-- Query of the GSI gsi1 (hash key g1, projection ALL): one key value, held
-- by 10 items in 10 partitions.
\set v random(0, :items / 10 - 1)
SELECT dyn_query(('{"TableName":"BenchQ","IndexName":"gsi1","KeyConditionExpression":"g1 = :' || 'v","ExpressionAttributeValues":{":' || 'v":{"S":"g1#' || :v || '"}}}')::jsonb);
