# 002_gsi_build_restart.pl
#	  An online GSI build cut short by a crash.  UpdateTable Create starts
#	  the build; while it is CREATING (held up by a writer's open
#	  transaction, which CREATE INDEX CONCURRENTLY waits for) the server
#	  stops with 'immediate'.  After the restart DescribeTable shows the
#	  index not ACTIVE and not backfilling, with a BuildError; Query on it
#	  is refused; writes to the table go on; UpdateTable Create of the same
#	  index starts the build again, and the index becomes ACTIVE, answers
#	  with exactly the items that have its key, and leaves no invalid
#	  Postgres index behind.

use strict;
use warnings;

use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

my $node = PostgreSQL::Test::Cluster->new('main');
$node->init;
$node->start;

my $db = 'postgres';
$node->safe_psql($db, 'CREATE EXTENSION dynamo_ext');

# Orders: 2000 old orders without DeliveryDate, 1000 with one
$node->safe_psql($db, q{
SELECT dyn_create_table('{"TableName": "Orders",
  "AttributeDefinitions": [{"AttributeName": "CustomerId", "AttributeType": "S"},
    {"AttributeName": "OrderId", "AttributeType": "S"}],
  "KeySchema": [{"AttributeName": "CustomerId", "KeyType": "HASH"}, {"AttributeName": "OrderId", "KeyType": "RANGE"}],
  "BillingMode": "PAY_PER_REQUEST"}');
SELECT count(dyn_put_item(jsonb_build_object('TableName', 'Orders', 'Item',
         jsonb_build_object('CustomerId', jsonb_build_object('S', 'c' || (i % 50)),
                            'OrderId', jsonb_build_object('S', 'o' || i))
         || CASE WHEN i % 3 = 0
                 THEN jsonb_build_object('DeliveryDate', jsonb_build_object('S', '2025-03-2' || (i % 2)))
                 ELSE '{}'::jsonb END)))
  FROM generate_series(1, 3000) AS i;
});

my $create = q{SELECT dyn_update_table('{"TableName": "Orders",
  "AttributeDefinitions": [{"AttributeName": "DeliveryDate", "AttributeType": "S"}],
  "GlobalSecondaryIndexUpdates": [{"Create": {"IndexName": "DeliveryDate-index",
    "KeySchema": [{"AttributeName": "DeliveryDate", "KeyType": "HASH"}],
    "Projection": {"ProjectionType": "ALL"}}}]}') #>> '{TableDescription,GlobalSecondaryIndexes,0,IndexStatus}'};

# one field of the index in DescribeTable
sub index_field
{
	my ($field) = @_;
	return $node->safe_psql($db, qq{
SELECT x ->> '$field'
  FROM jsonb_array_elements(dyn_describe_table('{"TableName": "Orders"}') #> '{Table,GlobalSecondaryIndexes}') AS x
 WHERE x ->> 'IndexName' = 'DeliveryDate-index'});
}

sub query_index
{
	my ($date) = @_;
	return $node->psql($db, qq{
SELECT string_agg(i #>> '{OrderId,S}', ',' ORDER BY i #>> '{OrderId,S}')
  FROM jsonb_array_elements(dyn_query('{"TableName": "Orders", "IndexName": "DeliveryDate-index",
    "KeyConditionExpression": "DeliveryDate = :d", "ExpressionAttributeValues": {":d": {"S": "$date"}}}') -> 'Items') AS i});
}

my $backing = $node->safe_psql($db,
	q{SELECT format('%I.%I', backing_schema, backing_name) FROM dynamo.tables WHERE table_name = 'Orders'});

# a writer holds a transaction open: the build waits for it
my $writer = $node->background_psql($db);
$writer->query_safe('BEGIN');
$writer->query_safe(q{SELECT dyn_put_item('{"TableName": "Orders", "Item": {"CustomerId": {"S": "c1"},
  "OrderId": {"S": "in-flight"}, "DeliveryDate": {"S": "2025-03-20"}}}')});

is($node->safe_psql($db, $create), 'CREATING', 'UpdateTable Create returns the index CREATING');
ok( $node->poll_query_until($db, q{
SELECT count(*) > 0 FROM pg_stat_activity
 WHERE backend_type = 'dynamo_ext index build' AND wait_event_type = 'Lock'}),
	'the build is waiting for the open transaction');
is(index_field('IndexStatus'), 'CREATING', 'the index is CREATING before the crash');
is(index_field('Backfilling'), 'true', 'the index is backfilling before the crash');
my $pg_index = $node->safe_psql($db,
	q{SELECT pg_index_name FROM dynamo.indexes WHERE index_name = 'DeliveryDate-index'});

# crash
$node->stop('immediate');
eval { $writer->quit; };
$node->start;

# the build is gone: not ACTIVE, not backfilling, and says why
my $status = index_field('IndexStatus');
isnt($status, 'ACTIVE', "after the restart the index is not ACTIVE ($status)");
is($status, 'CREATING', 'after the restart the index is still listed as CREATING');
is(index_field('Backfilling'), 'false', 'after the restart the index is not backfilling');
my $error = index_field('BuildError');
ok(defined $error && $error ne '', "after the restart DescribeTable has a BuildError ($error)");
is( $node->safe_psql($db, qq{
SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
 WHERE c.relname = '$pg_index' AND i.indisvalid}),
	'0', 'no valid Postgres index was left by the interrupted build');

# reads of it are refused
my ($rc, $out, $err) = query_index('2025-03-20');
isnt($rc, 0, 'Query on the interrupted index is refused');
like($err, qr/backfilling global secondary index: DeliveryDate-index/,
	'... with DynamoDB\'s message for an index that is not ACTIVE');

# the open transaction died with the server; writes go on
is( $node->safe_psql($db,
		q{SELECT dyn_get_item('{"TableName": "Orders", "Key": {"CustomerId": {"S": "c1"}, "OrderId": {"S": "in-flight"}}}')}),
	'{}', 'the write of the transaction open at the crash is gone');
($rc, $out, $err) = $node->psql($db, q{
SELECT dyn_put_item('{"TableName": "Orders", "Item": {"CustomerId": {"S": "c2"},
  "OrderId": {"S": "after-restart"}, "DeliveryDate": {"S": "2025-03-20"}}}');
SELECT dyn_put_item('{"TableName": "Orders", "Item": {"CustomerId": {"S": "c3"},
  "OrderId": {"S": "no-date-after-restart"}}}');
SELECT dyn_update_item('{"TableName": "Orders", "Key": {"CustomerId": {"S": "c1"}, "OrderId": {"S": "o1"}},
  "UpdateExpression": "SET DeliveryDate = :d", "ExpressionAttributeValues": {":d": {"S": "2025-03-20"}}}');
SELECT dyn_delete_item('{"TableName": "Orders", "Key": {"CustomerId": {"S": "c3"}, "OrderId": {"S": "o3"}}}');
});
is($rc, 0, 'PutItem, UpdateItem and DeleteItem work after the restart');
is($err, '', '... without an error');

# UpdateTable Create of the same index retries the build
is($node->safe_psql($db, $create), 'CREATING', 'UpdateTable Create of the same index starts again');
ok( $node->poll_query_until($db, q{
SELECT x ->> 'IndexStatus'
  FROM jsonb_array_elements(dyn_describe_table('{"TableName": "Orders"}') #> '{Table,GlobalSecondaryIndexes}') AS x
 WHERE x ->> 'IndexName' = 'DeliveryDate-index'}, 'ACTIVE'),
	'the retried build becomes ACTIVE');
is(index_field('BuildError'), '', 'an ACTIVE index has no BuildError');
is(index_field('Backfilling'), '', 'an ACTIVE index has no Backfilling');

# it answers with exactly the items that have the key
foreach my $date ('2025-03-20', '2025-03-21')
{
	my $want = $node->safe_psql($db, qq{
SELECT string_agg(item #>> '{OrderId,S}', ',' ORDER BY item #>> '{OrderId,S}')
  FROM $backing WHERE item #>> '{DeliveryDate,S}' = '$date'});
	($rc, $out, $err) = query_index($date);
	is($rc, 0, "Query on the rebuilt index for $date succeeds");
	is($out, $want, "Query on the rebuilt index for $date returns exactly the items with that date");
}
my (undef, $d20) = query_index('2025-03-20');
like($d20, qr/(^|,)after-restart(,|$)/, 'the item written after the restart is in the index');
like($d20, qr/(^|,)o1(,|$)/, 'the item updated after the restart is in the index');
is( $node->safe_psql($db, qq{
SELECT (dyn_scan('{"TableName": "Orders", "IndexName": "DeliveryDate-index", "Select": "COUNT"}'::jsonb) ->> 'Count')::int
     = (SELECT count(*) FROM $backing WHERE item -> 'DeliveryDate' ? 'S')}),
	't', 'Scan of the index counts exactly the items with a DeliveryDate');
is( $node->safe_psql($db, q{
SELECT count(*) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
 WHERE c.relnamespace = 'dynamo_data'::regnamespace AND NOT i.indisvalid}),
	'0', 'no invalid Postgres index is left behind');

$node->stop;

done_testing();
