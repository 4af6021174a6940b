# 001_dump_restore.pl
#	  pg_dump and restore keep DynamoDB tables: the catalog (a config table
#	  of the extension), the backing tables with every item exactly, and
#	  the table id sequence, so the restored database works at once.

use strict;
use warnings;

use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

my $node = PostgreSQL::Test::Cluster->new('main');
$node->init;
$node->start;

$node->safe_psql('postgres', 'CREATE DATABASE src');
$node->safe_psql('src', 'CREATE EXTENSION dynamo_ext');

# Orders: partition key S, sort key N; Blobs: partition key B only
$node->safe_psql('src', q{
SELECT dyn_create_table('{"TableName":"Orders",
  "AttributeDefinitions":[{"AttributeName":"CustomerId","AttributeType":"S"},
                          {"AttributeName":"OrderNo","AttributeType":"N"}],
  "KeySchema":[{"AttributeName":"CustomerId","KeyType":"HASH"},
               {"AttributeName":"OrderNo","KeyType":"RANGE"}],
  "BillingMode":"PAY_PER_REQUEST"}');
SELECT dyn_create_table('{"TableName":"Blobs",
  "AttributeDefinitions":[{"AttributeName":"Id","AttributeType":"B"}],
  "KeySchema":[{"AttributeName":"Id","KeyType":"HASH"}],
  "ProvisionedThroughput":{"ReadCapacityUnits":5,"WriteCapacityUnits":7}}');
});

# every attribute type, numbers at the edges of DynamoDB's range, sets,
# nested maps and lists
my @items = (
	'{"TableName":"Orders","Item":{"CustomerId":{"S":"c1"},"OrderNo":{"N":"1"},
	  "Total":{"N":"12.50"},"Big":{"N":"99999999999999999999999999999999999999"},
	  "Tiny":{"N":"-1E-130"},"Huge":{"N":"9.9999999999999999999999999999999999999E+125"},
	  "Tags":{"SS":["gift","urgent"]},"Qty":{"NS":["1","2.5","-3"]},
	  "Blobs":{"BS":["AQI=","AwQ="]},"Paid":{"BOOL":true},"Note":{"NULL":true},
	  "Empty":{"S":""},
	  "Address":{"M":{"City":{"S":"Oslo"},"Zip":{"N":"150"},
	    "Lines":{"L":[{"S":"Main St 1"},{"N":"2"},{"NULL":true},{"BOOL":false},
	                  {"M":{"Deep":{"L":[{"SS":["x"]}]}}}]}}}}}',
	'{"TableName":"Orders","Item":{"CustomerId":{"S":"c1"},"OrderNo":{"N":"-5.25"},"Total":{"N":"0"}}}',
	'{"TableName":"Orders","Item":{"CustomerId":{"S":"c2 ünïcödé ✓"},"OrderNo":{"N":"1E+10"},"Ref":{"B":"AAEC/w=="}}}',
	'{"TableName":"Blobs","Item":{"Id":{"B":"AAEC"},"Name":{"S":"first"}}}',
	'{"TableName":"Blobs","Item":{"Id":{"B":"/w=="},"Name":{"S":"second"},"Map":{"M":{}},"List":{"L":[]}}}');
foreach my $item (@items)
{
	$node->safe_psql('src', "SELECT dyn_put_item(\$j\$$item\$j\$)");
}
# U+0000 in a key, a name and a value: only the text entry point carries it
my $nul_key =
  '{"TableName":"Orders","Key":{"CustomerId":{"S":"c\u00003"},"OrderNo":{"N":"7"}}}';
$node->safe_psql('src', q{
SELECT dyn_execute_text('PutItem', '{"TableName":"Orders","Item":{"CustomerId":{"S":"c\u00003"},"OrderNo":{"N":"7"},"n\u0000m":{"S":"v\u0000w"}}}');
});

my @keys = (
	'{"TableName":"Orders","Key":{"CustomerId":{"S":"c1"},"OrderNo":{"N":"1"}}}',
	'{"TableName":"Orders","Key":{"CustomerId":{"S":"c1"},"OrderNo":{"N":"-5.25"}}}',
	'{"TableName":"Orders","Key":{"CustomerId":{"S":"c2 ünïcödé ✓"},"OrderNo":{"N":"1E+10"}}}',
	'{"TableName":"Blobs","Key":{"Id":{"B":"AAEC"}}}',
	'{"TableName":"Blobs","Key":{"Id":{"B":"/w=="}}}');

sub get_item
{
	my ($db, $key) = @_;
	return $node->safe_psql($db, "SELECT dyn_get_item(\$j\$$key\$j\$)");
}

sub get_item_text
{
	my ($db, $key) = @_;
	return $node->safe_psql($db,
		"SELECT dyn_execute_text('GetItem', \$j\$$key\$j\$)");
}

# DescribeTable, less what depends on the physical table
sub describe
{
	my ($db, $name) = @_;
	return $node->safe_psql($db,
		"SELECT (dyn_describe_table('{\"TableName\":\"$name\"}')->'Table')"
		  . " - 'TableSizeBytes' - 'ItemCount'");
}

my %before;
$before{$_} = get_item('src', $_) foreach @keys;
$before{nul} = get_item_text('src', $nul_key);
$before{describe_orders} = describe('src', 'Orders');
$before{describe_blobs} = describe('src', 'Blobs');
my $max_id = $node->safe_psql('src', 'SELECT max(table_id) FROM dynamo.tables');

# the items are really there before the dump
like($before{$_}, qr/^\{"Item": \{/, "source: item stored: $_") foreach @keys;
like($before{ $keys[0] }, qr/"Big": \{"N": "99999999999999999999999999999999999999"\}/,
	'source: nested item stored');
is($before{nul},
	'{"Item":{"n\u0000m":{"S":"v\u0000w"},"OrderNo":{"N":"7"},"CustomerId":{"S":"c\u00003"}}}',
	'source: item with U+0000 stored');

# dump, then restore into a new database
my $dump = $node->basedir . '/src.sql';
$node->command_ok([ 'pg_dump', '--no-sync', '-f', $dump, '-d', 'src' ],
	'pg_dump of the database');
$node->safe_psql('postgres', 'CREATE DATABASE dst');
$node->command_ok(
	[ 'psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', 'dst', '-f', $dump ],
	'restore with psql');

is($node->safe_psql('dst', "SELECT dyn_list_tables()->'TableNames'"),
	'["Blobs", "Orders"]', 'ListTables lists both tables');
is(describe('dst', 'Orders'), $before{describe_orders},
	'DescribeTable Orders unchanged');
is(describe('dst', 'Blobs'), $before{describe_blobs},
	'DescribeTable Blobs unchanged');
is( $node->safe_psql('dst',
		"SELECT dyn_describe_table('{\"TableName\":\"Orders\"}')->'Table'->>'TableStatus'"),
	'ACTIVE', 'restored table is ACTIVE');

foreach my $key (@keys)
{
	is(get_item('dst', $key), $before{$key}, "GetItem identical: $key");
}
is(get_item_text('dst', $nul_key), $before{nul},
	'GetItem identical through dyn_execute_text (U+0000)');

# the restored tables take writes
$node->safe_psql('dst',
	q{SELECT dyn_put_item('{"TableName":"Orders","Item":{"CustomerId":{"S":"c9"},"OrderNo":{"N":"9"},"New":{"BOOL":true}}}')}
);
is( get_item(
		'dst',
		'{"TableName":"Orders","Key":{"CustomerId":{"S":"c9"},"OrderNo":{"N":"9"}}}'),
	'{"Item": {"New": {"BOOL": true}, "OrderNo": {"N": "9"}, "CustomerId": {"S": "c9"}}}',
	'PutItem works after restore');
$node->safe_psql('dst',
	q{SELECT dyn_put_item('{"TableName":"Blobs","Item":{"Id":{"B":"AAEC"},"Name":{"S":"replaced"}}}')}
);
is(get_item('dst', '{"TableName":"Blobs","Key":{"Id":{"B":"AAEC"}}}'),
	'{"Item": {"Id": {"B": "AAEC"}, "Name": {"S": "replaced"}}}',
	'PutItem replaces a restored item');

# the table id sequence continued: a new table gets a new id and backing table
my ($status, $out, $err) = $node->psql('dst',
	q{SELECT dyn_create_table('{"TableName":"AfterRestore","AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],"KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],"BillingMode":"PAY_PER_REQUEST"}')->'TableDescription'->>'TableStatus'}
);
is($status, 0, 'CreateTable after restore succeeds');
is($out, 'ACTIVE', 'CreateTable after restore returns an ACTIVE table');
is($err, '', 'CreateTable after restore raises nothing');
ok( $node->safe_psql('dst',
		"SELECT table_id > $max_id FROM dynamo.tables WHERE table_name = 'AfterRestore'") eq 't',
	'new table id comes after the restored ones');
is( $node->safe_psql('dst',
		"SELECT count(DISTINCT backing_name) FROM dynamo.tables"),
	'3', 'every table has its own backing table');
$node->safe_psql('dst',
	q{SELECT dyn_put_item('{"TableName":"AfterRestore","Item":{"pk":{"S":"a"}}}')});
is( get_item('dst', '{"TableName":"AfterRestore","Key":{"pk":{"S":"a"}}}'),
	'{"Item": {"pk": {"S": "a"}}}',
	'the new table works');
is($node->safe_psql('dst', "SELECT dyn_list_tables()->'TableNames'"),
	'["AfterRestore", "Blobs", "Orders"]', 'ListTables lists all three');
# and the restored items were not touched by it
is(get_item('dst', $keys[0]), $before{ $keys[0] },
	'restored items unchanged after CreateTable');

$node->stop;

done_testing();
