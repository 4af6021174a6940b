# 003_bulk_job_crash.pl
#	  A bulk update job survives a crash and applies its change to every
#	  item exactly once.  A job "ADD n :one" over 20,000 items (BatchSize
#	  100, rate limited so that it is still running) is cut short by an
#	  immediate stop (kill -9 semantics).  After the restart the job still
#	  says "running", its worker is gone, and its checkpoint agrees with
#	  the data (the batch in flight was rolled back together with its
#	  checkpoint): exactly items_done items have n = 1.  Nothing moves
#	  until dyn_job_resume; then the job runs to "done", and every item has
#	  n = 1 exactly (none updated twice, none missed), with items_done,
#	  items_total and items_touched all equal to the item count.

use strict;
use warnings;

use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

my $nitems = 20000;

my $node = PostgreSQL::Test::Cluster->new('main');
$node->init;
$node->start;

$node->safe_psql('postgres', 'CREATE EXTENSION dynamo_ext');
$node->safe_psql('postgres', q{
SELECT dyn_create_table('{"TableName":"CrashBulk",
  "AttributeDefinitions":[{"AttributeName":"id","AttributeType":"N"}],
  "KeySchema":[{"AttributeName":"id","KeyType":"HASH"}],
  "BillingMode":"PAY_PER_REQUEST"}');
});
$node->safe_psql('postgres',
	"SELECT count(dyn_put('CrashBulk', jsonb_build_object('id', i, 'name', 'item ' || i))) "
	  . "FROM generate_series(1, $nitems) i");

my $backing = $node->safe_psql('postgres',
	"SELECT format('%I.%I', backing_schema, backing_name) FROM dynamo.tables "
	  . "WHERE table_name = 'CrashBulk'");
is($node->safe_psql('postgres', "SELECT count(*) FROM $backing"),
	$nitems, "$nitems items stored");

# the counts of n's values over the backing table: "with n = 1|other n|without n"
sub n_counts
{
	return $node->safe_psql('postgres',
		"SELECT count(*) FILTER (WHERE item->'n' = '{\"N\":\"1\"}') || '|' || "
		  . "count(*) FILTER (WHERE item ? 'n' AND item->'n' <> '{\"N\":\"1\"}') || '|' || "
		  . "count(*) FILTER (WHERE NOT item ? 'n') FROM $backing");
}

# 2,000 items/s: about 10 s for the whole table
my $job = $node->safe_psql('postgres', q{
SELECT dyn_bulk_update('{"TableName":"CrashBulk","UpdateExpression":"ADD n :one",
  "ExpressionAttributeValues":{":one":{"N":"1"}},"BatchSize":100,"RateLimit":2000}');
});
like($job, qr/^\d+$/, 'dyn_bulk_update returns a job id');

# well under way, far from finished
ok( $node->poll_query_until('postgres',
		"SELECT items_done >= 2000 FROM dyn_jobs WHERE id = $job"),
	'the job makes progress');
my ($done_before, $total) = split /\|/, $node->safe_psql('postgres',
	"SELECT items_done || '|' || items_total FROM dyn_jobs WHERE id = $job");
is($total, $nitems, 'items_total is the item count');
cmp_ok($done_before, '<', $nitems, "still running before the crash ($done_before done)");

# kill -9 semantics: no shutdown checkpoint, the batch in flight is lost
$node->stop('immediate');
$node->start;

is( $node->safe_psql('postgres',
		"SELECT status || '|' || (j.worker_pid IS NULL OR NOT EXISTS "
		  . "(SELECT 1 FROM pg_stat_activity a WHERE a.pid = j.worker_pid)) "
		  . "FROM dynamo.jobs j WHERE id = $job"),
	'running|true', 'after the restart the job is running with a dead worker');

my ($done_crash, $touched_crash) = split /\|/, $node->safe_psql('postgres',
	"SELECT items_done || '|' || items_touched FROM dyn_jobs WHERE id = $job");
cmp_ok($done_crash, '>=', 2000, "the checkpoint survived the crash ($done_crash done)");
cmp_ok($done_crash, '<', $nitems, 'the job was not finished by the crash');
is($touched_crash, $done_crash, 'items_touched equals items_done at the checkpoint');
is(n_counts(), "$done_crash|0|" . ($nitems - $done_crash),
	'the data agrees with the checkpoint: exactly items_done items have n = 1');

# a dead worker does nothing until the job is resumed
sleep 1;
is( $node->safe_psql('postgres', "SELECT items_done FROM dyn_jobs WHERE id = $job"),
	$done_crash, 'no progress without a worker');

$node->safe_psql('postgres', "SELECT dyn_job_resume($job)");
ok( $node->poll_query_until('postgres',
		"SELECT status IN ('done', 'failed', 'cancelled') FROM dyn_jobs WHERE id = $job"),
	'the resumed job finishes');

is( $node->safe_psql('postgres',
		"SELECT status || '|' || items_done || '|' || items_total || '|' || items_touched || '|' "
		  . "|| coalesce(last_error, '') || '|' || (finished_at IS NOT NULL) "
		  . "FROM dyn_jobs WHERE id = $job"),
	"done|$nitems|$nitems|$nitems||true",
	'done, with items_done, items_total and items_touched equal to the item count');
is(n_counts(), "$nitems|0|0", 'every item has n = 1 exactly: none twice, none missed');
is( $node->safe_psql('postgres',
		"SELECT count(*) FROM $backing WHERE item->'name' <> jsonb_build_object('S', 'item ' || (item->'id'->>'N'))"),
	'0', 'the other attributes are untouched');

# a finished job cannot be resumed
my ($ret, $out, $err) = $node->psql('postgres', "SELECT dyn_job_resume($job)");
isnt($ret, 0, 'dyn_job_resume of a done job fails');
like($err, qr/job $job is done/, 'with the job\'s state in the message');

$node->stop;

done_testing();
