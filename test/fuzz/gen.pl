#!/usr/bin/perl
# gen.pl: deterministic generator of fuzz cases for dynamo_ext's
# expression parser and evaluator (see run.sh).
#
#   perl gen.pl SEED COUNT > cases.tsv
#
# Writes COPY text rows: id, op, jreq, treq, allow
#   op     put | update | get | delete      (jsonb request in jreq)
#          text:<Operation>                 (raw JSON text in treq, for
#                                            dyn_execute_text)
#   allow  the outcomes that are acceptable, space separated: ok, DY001,
#          DY002 (only when the request has a ConditionExpression), DY010
#          (only for raw text, or a deliberately mistyped value)
# Anything else the call raises (or a crash) is a failure.
#
# Cases: grammar-driven conditions, update and projection expressions
# (with recently seen expressions reused under new names and values, so
# cached parses meet new requests); token soup; mutations and truncations
# of valid expressions; damaged JSON text; a fixed corpus of extremes
# (deep nesting, 4 KB boundary, huge literals and names, odd unicode and
# control characters, functions inside function arguments); hand-made
# evaluation edge cases against a known item; and U+0000 through the text
# entry point.  Every 500 cases, and at the start, all items are put back
# to a known state, so the same cases always give the same outcomes.
# Only core Perl is used.
use strict;
use warnings;
no warnings 'nonchar';	# U+FFFF and friends are wanted here

my $seed = shift // 1;
my $count = shift // 100000;
srand($seed);
binmode(STDOUT, ':utf8');

my @TABLES = (
	{ name => 'fuzz_h', keys => sub { { pk => { S => pick(qw(k0 k1 k2 k3)) } } },
	  all_keys => [ map { +{ pk => { S => $_ } } } qw(k0 k1 k2 k3) ] },
	{ name => 'fuzz_hr', keys => sub { { pk => { S => pick(qw(k0 k1)) },
										 sk => { N => pick(qw(0 1 2)) } } },
	  all_keys => [ map { my $p = $_; map { +{ pk => { S => $p }, sk => { N => $_ } } } qw(0 1 2) } qw(k0 k1) ] },
);

sub pick { return $_[int(rand(@_))]; }
sub chance { return rand() < $_[0]; }
sub rint { my ($lo, $hi) = @_; return $lo + int(rand($hi - $lo + 1)); }

# ---------------------------------------------------------------- JSON
# A tiny JSON writer: values are Perl scalars (strings), array refs, hash
# refs, \1 / \0 for true / false and $JNULL for null; numbers are JNUM
# objects.  Members are written TableName first, then in sorted order, so
# the output is deterministic.  In $esc_mode some characters are written
# as \u escapes (astral ones as surrogate pairs).
my $JNULL = bless {}, 'JNULL';
sub jnum { return bless { v => $_[0] }, 'JNUM'; }

my $esc_mode = 0;		# 0: minimal escapes; 1: \u-escape some characters
sub jstr
{
	my ($s) = @_;
	if ($esc_mode && length($s) < 5000)
	{
		$s =~ s/(["\\\x00-\x1f]|[^\x00-\x7f]|[a-z])/esc_char($1, 1)/ge;
	}
	else
	{
		$s =~ s/(["\\\x00-\x1f])/esc_char($1, 0)/ge;
	}
	return '"' . $s . '"';
}

sub esc_char
{
	my ($c, $odd) = @_;
	my $o = ord($c);
	return "\\$c" if $c eq '"' || $c eq '\\';
	return sprintf('\\u%04x', $o) if $o < 0x20;
	return $c if !$odd || chance($o < 0x80 ? 0.98 : 0.5);
	return sprintf('\\u%04X', $o) if $o <= 0xffff;
	$o -= 0x10000;
	return sprintf('\\u%04x\\u%04x', 0xd800 + ($o >> 10), 0xdc00 + ($o & 0x3ff));
}

sub json
{
	my ($v) = @_;
	my $r = ref($v);
	return jstr($v) if $r eq '';
	return $v->{v} if $r eq 'JNUM';
	return 'null' if $r eq 'JNULL';
	return $$v ? 'true' : 'false' if $r eq 'SCALAR';
	return '[' . join(',', map { json($_) } @$v) . ']' if $r eq 'ARRAY';
	return '{' . join(',', map { jstr($_) . ':' . json($v->{$_}) }
			sort { ($b eq 'TableName') <=> ($a eq 'TableName') or $a cmp $b } keys %$v) . '}'
		if $r eq 'HASH';
	die "json: $r";
}

# ---------------------------------------------------------------- text
# odd characters: no U+0000 (Postgres text cannot hold it), no surrogates
my @ODD = (
	"\x{01}", "\x{02}", "\x{07}", "\x{08}", "\x{0b}", "\x{0c}", "\x{1b}", "\x{1f}", "\x{7f}",
	"\t", "\n", "\r", "\x{85}", "\x{a0}", "\x{ad}", "\x{e9}", "\x{ff}", "\x{100}",
	"\x{2028}", "\x{2029}", "\x{200b}", "\x{200d}", "\x{202e}", "\x{2060}", "\x{feff}",
	"\x{fffd}", "\x{ffff}", "\x{fffe}", "\x{ff41}", "\x{ff08}", "\x{ff1d}", "\x{3000}",
	"\x{1f600}", "\x{10ffff}", "\x{e000}", "\x{301}", "\x{0430}", "\x{05d0}", "\x{4e2d}",
	"\x{1d400}", "\x{2000}",
);
sub odd { return pick(@ODD); }

# identifiers: plain, reserved words, keywords used as names, odd shapes
my @IDENTS = qw(a b c n m s l mp ss ns bs bo nul x y z pk sk Price item_1 A_b9 q1 deep);
my @RESERVED = qw(name status data count value key size date year type order
	select from where and or not between in set remove add delete update
	table index user group level time timestamp comment);
my @FUNCS = qw(attribute_exists attribute_not_exists attribute_type begins_with contains
	size if_not_exists list_append);

sub rcase
{
	my ($w) = @_;
	return $w if chance(0.8);
	return lc($w) if chance(0.5);
	return join('', map { chance(0.5) ? uc($_) : lc($_) } split //, $w);
}

sub ident
{
	return pick(@IDENTS) if chance(0.96);
	return pick(@RESERVED) if chance(0.6);
	return pick(@FUNCS) if chance(0.3);
	return 'x' x rint(1, 300) if chance(0.3);
	return 'a' . odd() if chance(0.5);
	return '_a';
}

my @NAMEREFS = ('#n0', '#n1', '#n2', '#pk', '#a_b', '#1', '#NOT', '#and', '#x');
my @VALREFS = (':v0', ':v1', ':v2', ':n', ':s', ':l', ':one', ':0', ':AND', ':x');
sub nameref { return chance(0.95) ? pick(@NAMEREFS) : '#' . ('y' x rint(1, 400)); }
sub valref { return chance(0.95) ? pick(@VALREFS) : ':' . ('z' x rint(1, 400)); }

sub index_tok
{
	return pick(0, 0, 1, 2, 3, 10) if chance(0.97);
	return pick('2147483647', '2147483648', '99999999999999999999', '007', '-1', '',
		'4294967296', '1' x 50, 'a', ':v0', '0x1');
}

sub path
{
	my ($maxlen) = @_;
	$maxlen //= 3;
	my $p = chance(0.7) ? ident() : nameref();
	my $n = chance(0.6) ? 0 : rint(1, $maxlen);
	for (1 .. $n)
	{
		if (chance(0.5)) { $p .= '.' . (chance(0.6) ? ident() : nameref()); }
		else { $p .= '[' . index_tok() . ']'; }
	}
	return $p;
}

sub func_call
{
	my ($name, @args) = @_;
	my $sp = chance(0.1) ? ' ' : '';
	return $name . $sp . '(' . join(chance(0.2) ? ' , ' : ', ', @args) . ')';
}

sub operand
{
	my $r = rand();
	return path() if $r < 0.6;
	return valref() if $r < 0.90;
	return func_call('size', path()) if $r < 0.95;
	return func_call(pick('if_not_exists', 'list_append'), operand(), operand()) if $r < 0.98;
	return func_call(pick(@FUNCS), map { operand() } 1 .. rint(0, 3));
}

my @CMP = ('=', '<>', '<', '<=', '>', '>=');
my @BADCMP = ('==', '!=', '!', '=<', '=>', '<<', '>>', '<=>', '><', '=!');
sub cmpop { return chance(0.97) ? pick(@CMP) : pick(@BADCMP); }

sub kw { return rcase($_[0]); }

sub atom
{
	my $r = rand();
	if ($r < 0.40) { return operand() . ' ' . cmpop() . ' ' . operand(); }
	if ($r < 0.48) { return operand() . ' ' . kw('BETWEEN') . ' ' . operand() . ' ' . kw('AND') . ' ' . operand(); }
	if ($r < 0.56)
	{
		my $k = chance(0.97) ? rint(1, 5) : pick(0, 99, 100, 101, 150);
		return operand() . ' ' . kw('IN') . ' (' . join(', ', map { operand() } 1 .. $k) . ')';
	}
	if ($r < 0.66) { return func_call(pick('attribute_exists', 'attribute_not_exists'), path()); }
	if ($r < 0.70) { return func_call('attribute_type', path(), valref()); }
	if ($r < 0.76) { return func_call('begins_with', path(), chance(0.8) ? valref() : operand()); }
	if ($r < 0.82) { return func_call('contains', path(), operand()); }
	if ($r < 0.88) { return func_call('size', path()) . ' ' . cmpop() . ' ' . operand(); }
	# wrong arities, unknown functions, update functions in conditions,
	# nested functions
	my $f = chance(0.8) ? pick(@FUNCS) : pick('foo', 'SIZE', 'Contains', 'exists', 'attribute_exists_x');
	return func_call($f, map { chance(0.8) ? operand() : atom() } 1 .. pick(0, 1, 2, 3, 4));
}

sub cond
{
	my ($d) = @_;
	$d //= 0;
	return atom() if $d > 4 || chance(0.35);
	my $r = rand();
	return cond($d + 1) . ' ' . kw('AND') . ' ' . cond($d + 1) if $r < 0.35;
	return cond($d + 1) . ' ' . kw('OR') . ' ' . cond($d + 1) if $r < 0.6;
	return kw('NOT') . ' ' . cond($d + 1) if $r < 0.75;
	return '(' . cond($d + 1) . ')';
}

sub set_value
{
	my $r = rand();
	return operand() if $r < 0.45;
	return operand() . ' ' . pick('+', '-') . ' ' . operand() if $r < 0.7;
	return func_call('if_not_exists', path(), chance(0.8) ? operand() : set_value()) if $r < 0.82;
	return func_call('list_append', chance(0.5) ? path() : valref(), chance(0.7) ? valref() : set_value())
		if $r < 0.94;
	return operand() . ' + ' . operand() . ' - ' . operand() if $r < 0.97;
	return func_call(pick(@FUNCS), map { operand() } 1 .. rint(0, 3));
}

sub update_expr
{
	my @actions = ('SET', 'REMOVE', 'ADD', 'DELETE');
	my @clauses;
	my $n = pick(1, 1, 1, 2, 2, 3, 4);
	# each clause once, in any order (a repeated one now and then)
	my @order = map { $_->[1] } sort { $a->[0] <=> $b->[0] }
		map { [rand(), $_] } @actions;
	@order = ('SET', grep { $_ ne 'SET' } @order) if chance(0.5);
	for my $i (1 .. $n)
	{
		my $act = chance(0.03) ? pick(@actions) : $order[$i - 1];
		my @items;
		for (1 .. pick(1, 1, 2, 3))
		{
			if ($act eq 'SET') { push @items, path() . ' = ' . set_value(); }
			elsif ($act eq 'REMOVE') { push @items, path(); }
			else { push @items, path() . ' ' . (chance(0.97) ? valref() : operand()); }
		}
		push @clauses, kw($act) . ' ' . join(', ', @items);
	}
	return join(' ', @clauses);
}

sub projection
{
	return join(chance(0.8) ? ', ' : ',', map { path(4) } 1 .. rint(1, 5));
}

# token soup: random tokens of every kind
my @TOKS = ('(', ')', '[', ']', ',', '.', '=', '<>', '<', '<=', '>', '>=', '+', '-',
	'AND', 'OR', 'NOT', 'BETWEEN', 'IN', 'SET', 'REMOVE', 'ADD', 'DELETE', '0', '1',
	'#n0', ':v0', 'a', 'b.c', 'size', 'attribute_exists', 'if_not_exists', 'list_append',
	'contains', 'begins_with', ':', '#', '"', "'", '\\', '$', ';', '{', '}', '*', '/',
	'@', '!', '?', '%', '&', '|', '^', '~', '`');
sub soup
{
	my $n = rint(1, 30);
	my $sep = chance(0.7) ? ' ' : '';
	return join($sep, map { chance(0.95) ? pick(@TOKS) : odd() } 1 .. $n);
}

# mutations of an expression
sub mutate
{
	my ($e) = @_;
	for (1 .. rint(1, 3))
	{
		my $len = length($e);
		my $pos = $len ? int(rand($len)) : 0;
		my $r = rand();
		if ($r < 0.25) { $e = substr($e, 0, $pos); }						# truncate
		elsif ($r < 0.40 && $len) { substr($e, $pos, 1) = ''; }				# delete a char
		elsif ($r < 0.55) { substr($e, $pos, 0) = pick(@TOKS) . (chance(0.5) ? ' ' : ''); }
		elsif ($r < 0.65) { substr($e, $pos, 0) = odd(); }
		elsif ($r < 0.72 && $len) { substr($e, $pos, 1) = odd(); }			# replace
		elsif ($r < 0.80 && $len)											# duplicate a span
		{
			my $l = rint(1, 20);
			substr($e, $pos, 0) = substr($e, $pos, $l);
		}
		elsif ($r < 0.86 && $len > 1)										# swap
		{
			my $q = int(rand($len));
			my ($x, $y) = (substr($e, $pos, 1), substr($e, $q, 1));
			substr($e, $pos, 1) = $y;
			substr($e, $q, 1) = $x;
		}
		elsif ($r < 0.92) { $e = $e . ' ' . pick(@TOKS) . ' ' . pick(@TOKS); }
		elsif ($r < 0.96) { $e = uc($e); }
		else { $e = substr($e, $pos) . substr($e, 0, $pos); }				# rotate
	}
	return $e;
}

# ---------------------------------------------------------------- values
my $mistyped = 0;		# set when a value carries a JSON-type fault (DY010 ok)

sub num_str
{
	return pick('0', '1', '-1', '2', '3.14', '100', '1e3', '0.5', '-0', '42') if chance(0.95);
	return pick('9.9999999999999999999999999999999999999E+125', '-9.9999999999999999999999999999999999999E+125',
		'1E-130', '-1E-130', '1E126', '1E-131', '1' x 38, '1' x 39, '0.' . ('0' x 200) . '1',
		'abc', '', ' 1', '1 ', '0001', '+1', '1.', '.5', 'NaN', 'Infinity', '1e', '--1', '1' . odd());
}

sub str_val
{
	return pick('', 'a', 'abc', 'hello world', 'k0', 'A', 'ab') if chance(0.8);
	return pick(odd() x rint(1, 10), 'x' x pick(1000, 4096, 5000), 'a' . odd() . 'b',
		join('', map { odd() } 1 .. rint(1, 20)));
}

sub attr_value
{
	my ($d) = @_;
	$d //= 0;
	my $r = rand();
	if ($r < 0.007)
	{
		$mistyped = 1;
		return pick({ S => jnum(1) }, { N => jnum(1) }, { BOOL => 'true' }, { L => {} },
			{ M => [] }, { SS => 'a' }, { B => '!!!' }, { B => 'abc' }, { S => $JNULL },
			'notanobject', jnum(5), [], $JNULL);
	}
	if ($r < 0.015)
	{
		# invalid but well-typed: DY001
		return pick({}, { S => 'a', N => '1' }, { X => 'a' }, { NULL => \0 }, { SS => [] },
			{ SS => ['a', 'a'] }, { NS => ['1', '1.0'] }, { NS => ['x'] }, { BS => [] },
			{ N => '' }, { NS => [] });
	}
	return { N => num_str() } if $r < 0.40;
	return { S => str_val() } if $r < 0.65;
	return { BOOL => chance(0.5) ? \1 : \0 } if $r < 0.68;
	return { NULL => \1 } if $r < 0.70;
	return { B => pick('', 'AA==', 'AAEC', 'aGVsbG8=') } if $r < 0.73;
	return { SS => [ uniq(map { str_val() } 1 .. rint(1, 3)) ] } if $r < 0.78;
	return { NS => [ uniqn(map { pick('1', '2', '3.5', '-7', '100') } 1 .. rint(1, 3)) ] } if $r < 0.83;
	return { BS => ['AA=='] } if $r < 0.84;
	if ($r < 0.93)
	{
		return { L => [] } if $d > 3;
		return { L => [ map { attr_value($d + 1) } 1 .. rint(0, 3) ] };
	}
	return { M => {} } if $d > 3;
	return { M => { map { (pick('a', 'b', 'n', 's', 'deep', '') => attr_value($d + 1)) } 1 .. rint(0, 3) } };
}

sub uniq { my %s; return grep { !$s{$_}++ } @_; }
sub uniqn { my %s; return grep { !$s{$_}++ } @_; }

# the attribute name a #name placeholder stands for
sub attr_name
{
	return pick('n', 's', 'l', 'm', 'ss', 'ns', 'bo', 'nul', 'a', 'b', 'deep') if chance(0.8);
	return pick('pk', 'sk', '', 'a.b', '#x', ':v', 'name', ' ', 'x' x pick(255, 256, 4096),
		odd(), 'a' . odd(), "\x{1f600}" x 3);
}

# a base item: keys plus attributes of every type
sub base_item
{
	my ($t) = @_;
	my $item = $t->{keys}->();
	$item->{n} = { N => pick('0', '1', '5', '-3.5') } if chance(0.8);
	$item->{s} = { S => pick('abc', 'k', '', 'hello') } if chance(0.8);
	$item->{l} = { L => [ { N => '1' }, { S => 'x' }, { L => [ { N => '2' } ] } ] } if chance(0.7);
	$item->{m} = { M => { a => { N => '1' }, b => { L => [ { S => 'y' } ] }, deep => { M => { x => { N => '3' } } } } }
		if chance(0.7);
	$item->{ss} = { SS => ['a', 'b'] } if chance(0.5);
	$item->{ns} = { NS => ['1', '2'] } if chance(0.5);
	$item->{bo} = { BOOL => \1 } if chance(0.4);
	$item->{nul} = { NULL => \1 } if chance(0.3);
	return $item;
}

# ExpressionAttributeNames/Values for the placeholders an expression uses
sub placeholders
{
	my ($req, @exprs) = @_;
	my (%names, %vals);
	for my $e (@exprs)
	{
		next unless defined $e;
		$names{$1} = 1 while $e =~ /(#[A-Za-z0-9_]+)/g;
		$vals{$1} = 1 while $e =~ /(:[A-Za-z0-9_]+)/g;
	}
	my %ean;
	for my $k (sort keys %names)
	{
		$ean{$k} = attr_name() unless chance(0.03);
	}
	$ean{'#unused'} = 'zz' if chance(0.03);
	$ean{'bad'} = 'zz' if chance(0.01);
	my %eav;
	for my $k (sort keys %vals)
	{
		$eav{$k} = attr_value() unless chance(0.03);
	}
	$eav{':unused'} = { N => '1' } if chance(0.03);
	$eav{'bad'} = { N => '1' } if chance(0.01);
	$req->{ExpressionAttributeNames} = \%ean if %ean || chance(0.01);
	$req->{ExpressionAttributeValues} = \%eav if %eav || chance(0.01);
}

# ---------------------------------------------------------------- cases
my $id = 0;
my $ncases = 0;
my $last_reset = 0;
my %recent;			# kind => recent expressions, reused with other placeholders

sub copy_esc
{
	my ($s) = @_;
	return '\\N' unless defined $s;
	$s =~ s/\\/\\\\/g;
	$s =~ s/\n/\\n/g;
	$s =~ s/\r/\\r/g;
	$s =~ s/\t/\\t/g;
	return $s;
}

my %OPNAME = (put => 'PutItem', update => 'UpdateItem', get => 'GetItem', delete => 'DeleteItem');

# emit one case; $as_text sends it through dyn_execute_text
sub emit
{
	my ($op, $req, $has_cond, $as_text, $text_override) = @_;
	my @allow = ('ok', 'DY001');
	push @allow, 'DY002' if $has_cond;
	push @allow, 'DY010' if $mistyped;
	$mistyped = 0;
	$id++;
	$ncases++;
	if ($as_text)
	{
		$esc_mode = chance(0.5) ? 1 : 0;
		my $t = defined($text_override) ? $text_override : json($req);
		$esc_mode = 0;
		push @allow, 'DY010' unless grep { $_ eq 'DY010' } @allow;
		print join("\t", $id, "text:$OPNAME{$op}", '\\N', copy_esc($t), join(' ', @allow)), "\n";
	}
	else
	{
		print join("\t", $id, $op, copy_esc(json($req)), '\\N', join(' ', @allow)), "\n";
	}
}

# one request of the given kind around expression(s)
sub request
{
	my ($kind, $expr, $cond) = @_;
	my $t = chance(0.8) ? $TABLES[0] : $TABLES[1];
	my $req = { TableName => $t->{name} };
	my $has_cond = 0;
	my $op;
	if ($kind eq 'cond')
	{
		if (chance(0.8))
		{
			$op = 'put';
			$req->{Item} = base_item($t);
			$req->{ReturnValues} = pick('ALL_OLD', 'NONE') if chance(0.2);
		}
		else
		{
			$op = 'delete';
			$req->{Key} = $t->{keys}->();
		}
		$req->{ConditionExpression} = $expr;
		$req->{ReturnValuesOnConditionCheckFailure} = 'ALL_OLD' if chance(0.1);
		$has_cond = 1;
		placeholders($req, $expr);
	}
	elsif ($kind eq 'update')
	{
		$op = 'update';
		$req->{Key} = $t->{keys}->();
		$req->{UpdateExpression} = $expr;
		if (defined $cond)
		{
			$req->{ConditionExpression} = $cond;
			$has_cond = 1;
		}
		$req->{ReturnValues} = pick('NONE', 'ALL_OLD', 'UPDATED_OLD', 'ALL_NEW', 'UPDATED_NEW')
			if chance(0.4);
		placeholders($req, $expr, $cond);
	}
	else
	{
		$op = 'get';
		$req->{Key} = $t->{keys}->();
		$req->{ProjectionExpression} = $expr;
		$req->{ConsistentRead} = \1 if chance(0.1);
		placeholders($req, $expr);
	}
	return ($op, $req, $has_cond);
}

# reset the items now and then: plain puts that must succeed
sub reset_items
{
	# every key of both tables, so each pass starts from the same items
	for my $t (@TABLES)
	{
		for my $key (@{ $t->{all_keys} })
		{
			$mistyped = 0;
			my $item = base_item($t);
			%$item = (%$item, %$key);
			my $req = { TableName => $t->{name}, Item => $item };
			$id++;
			$ncases++;
			print join("\t", $id, 'put', copy_esc(json($req)), '\\N', 'ok'), "\n";
		}
	}
	$last_reset = $ncases;
}

sub gen_expr
{
	my ($kind) = @_;
	return cond() if $kind eq 'cond';
	return update_expr() if $kind eq 'update';
	return projection();
}

# a case of a random kind, shape and route
sub random_case
{
	my $kind = pick('cond', 'cond', 'update', 'update', 'proj');
	my $r = rand();
	my $expr;
	my $rec = $recent{$kind} //= [];
	if (@$rec && chance(0.15))
	{
		# an expression seen before (most likely still cached), with new
		# names, values and item
		$expr = pick(@$rec);
	}
	elsif ($r < 0.65) { $expr = gen_expr($kind); }
	elsif ($r < 0.93) { $expr = mutate(gen_expr($kind)); }
	else { $expr = soup(); }
	push @$rec, $expr;
	splice(@$rec, 0, 1000) if @$rec > 2000;
	my $cond;
	$cond = chance(0.7) ? cond() : mutate(cond()) if $kind eq 'update' && chance(0.3);
	my ($op, $req, $has_cond) = request($kind, $expr, $cond);
	my $as_text = chance(0.2);
	my $text;
	if ($as_text && chance(0.25))
	{
		# damage the JSON text itself, after the table name
		$esc_mode = chance(0.5) ? 1 : 0;
		$text = json($req);
		$esc_mode = 0;
		# TableName is the first member: damage only what follows it
		my $from = index($text, ',') + 1;
		my $m = rand();
		if ($m < 0.4) { $text = substr($text, 0, rint(0, length($text))); }
		elsif ($m < 0.6)
		{
			# a NUL (and other escapes) inside the expression string
			my $key = $kind eq 'cond' ? 'ConditionExpression' : $kind eq 'update' ? 'UpdateExpression' : 'ProjectionExpression';
			my $at = index($text, "\"$key\":\"");
			if ($at >= 0)
			{
				$at += length("\"$key\":\"");
				substr($text, $at + int(rand(3)), 0) = pick('\\u0000', '\\u0001', '\\ud800', '\\udc00x', '\\uZZZZ', '\\x41', '\\', "\x{1}", "\n");
			}
		}
		elsif ($m < 0.8 && length($text) > $from)
		{
			my $p = rint($from, length($text) - 1);
			substr($text, $p, 1) = pick('', '"', '{', '}', '[', ']', ',', ':', '\\', ' ', odd());
		}
		else
		{
			# a duplicate member: the last one counts
			$text =~ s/}$/,"ConditionExpression":"attribute_exists(zz)"}/;
		}
		emit($op, $req, 1, 1, $text);
		return;
	}
	emit($op, $req, $has_cond, $as_text);
}

# ---------------------------------------------------------------- corpus
# Fixed extremes; every one goes through each route it makes sense for.
sub corpus_exprs
{
	my @c;
	my $atom = 'a = :v0';
	for my $k (1, 255, 256, 257, 1000, 2000, 5000)
	{
		push @c, ['cond', ('(' x $k) . $atom . (')' x $k)];
		push @c, ['cond', ('(' x $k) . $atom];							# unbalanced
		push @c, ['cond', $atom . (')' x $k)];
		push @c, ['cond', ((kw('NOT') . ' ') x $k) . $atom];
		push @c, ['cond', ('NOT (' x $k) . $atom . (')' x $k)];
		push @c, ['cond', ('size(' x $k) . 'a' . (')' x $k) . ' = :v0'];
		push @c, ['cond', ('attribute_exists(' x $k) . 'a' . (')' x $k)];
		push @c, ['update', 'SET a = ' . ('if_not_exists(a, ' x $k) . ':v0' . (')' x $k)];
		push @c, ['update', 'SET a = ' . ('list_append(' x $k) . ':v0' . (', :v1)' x $k)];
		push @c, ['update', 'SET a = ' . ('(' x $k) . ':v0' . (')' x $k)];
		push @c, ['proj', ('(' x $k) . 'a' . (')' x $k)];
		push @c, ['cond', ('a[0]' x $k) . ' = :v0'];
		push @c, ['cond', 'a' . ('.b' x $k) . ' = :v0'];
		push @c, ['proj', 'a' . ('[1]' x $k)];
		push @c, ['proj', join(', ', ('a') x $k)];
		push @c, ['proj', join(', ', map { "a$_" } 1 .. $k)];
		push @c, ['update', 'REMOVE ' . join(', ', map { "a$_" } 1 .. $k)];
		push @c, ['update', 'SET ' . join(', ', map { "a$_ = :v0" } 1 .. $k)];
		push @c, ['cond', join(' AND ', ($atom) x $k)];
		push @c, ['cond', join(' OR ', ($atom) x $k)];
		push @c, ['cond', join(' AND ', map { "a$_ = :v$_" } 1 .. $k)];
		push @c, ['cond', 'a IN (' . join(', ', (':v0') x $k) . ')'];
		push @c, ['cond', 'a IN (' . join(', ', map { ":v$_" } 1 .. $k) . ')'];
	}
	for my $k (30, 31, 32, 33, 34, 100)
	{
		push @c, ['cond', 'a' . ('.b' x $k) . ' = :v0'];
		push @c, ['cond', 'a' . ('[0]' x $k) . ' = :v0'];
		push @c, ['update', 'SET a' . ('.b' x $k) . ' = :v0'];
		push @c, ['proj', 'a' . ('[0]' x $k)];
	}
	for my $k (99, 100, 101)
	{
		push @c, ['cond', 'a IN (' . join(',', map { ":v$_" } 1 .. $k) . ')'];
	}
	# the 4 KB boundary, in bytes and in characters
	for my $len (4094, 4095, 4096, 4097, 4098, 8192, 65536)
	{
		my $pad = $len - length('a = :v0') - 2;
		push @c, ['cond', 'a = :v0' . (' ' x $pad) . '  '];
		push @c, ['cond', (' ' x ($len - 7)) . 'a = :v0'];
		push @c, ['cond', ('x' x ($len - 7)) . ' = :v0'];
		push @c, ['cond', 'a = :' . ('v' x ($len - 5))];
		push @c, ['cond', '#' . ('n' x ($len - 8)) . ' = :v0'];
		push @c, ['proj', 'a' x $len];
		push @c, ['update', 'SET a = :v0' . (' ' x ($len - 11))];
		push @c, ['cond', ("\x{e9}" x int(($len - 7) / 2)) . 'a = :v0'];
		push @c, ['cond', 'a = :v0 ' . ("\x{1f600}" x int(($len - 8) / 4)) . "\x{e9}"];
		push @c, ['cond', 'a = :v0' . (' ' x ($len - 8)) . "\x{4e2d}"];	# straddles
		push @c, ['update', 'SET ' . join(', ', map { "a$_ = :v0" } 1 .. int($len / 10))];
	}
	# odd characters, one by one, in every position
	for my $ch (@ODD, '$', '"', "'", '\\', '`', '{', '}', ';', '--', '/*', '*/')
	{
		push @c, ['cond', $ch];
		push @c, ['cond', "a$ch = :v0"];
		push @c, ['cond', "a =$ch:v0"];
		push @c, ['cond', "a = :v0$ch"];
		push @c, ['cond', "#$ch = :v0"];
		push @c, ['cond', "a = :$ch"];
		push @c, ['update', "SET a = :v0$ch"];
		push @c, ['update', "${ch}SET a = :v0"];
		push @c, ['proj', "a$ch"];
		push @c, ['proj', "$ch, a"];
	}
	# edge shapes
	push @c, map { ['cond', $_] } ('', ' ', "\t\n\r ", '(', ')', '()', '(())', ',', 'a', 'a =', '= a',
		':v0', '#n0', 'AND', 'OR', 'NOT', 'NOT NOT', 'a = :v0 AND', 'AND a = :v0', 'a = :v0)',
		'(a = :v0', 'a BETWEEN :v0', 'a BETWEEN :v0 AND', 'a BETWEEN AND :v1', 'a IN ()',
		'a IN (:v0', 'a IN :v0', 'a IN (,)', 'a IN (:v0,)', 'size(a)', 'size()', 'size(a) = ',
		'attribute_exists()', 'attribute_exists(a, b)', 'attribute_exists(:v0)', 'attribute_type(a)',
		'begins_with(a)', 'begins_with(a, :v0, :v1)', 'contains()', 'if_not_exists(a, :v0)',
		'list_append(a, :v0) = :v1', 'size(size(a)) = :v0', 'a[0 = :v0', 'a[] = :v0',
		'a[-1] = :v0', 'a.[0] = :v0', 'a..b = :v0', '.a = :v0', 'a. = :v0', '[0] = :v0',
		'a = :v0 = :v1', 'a < b < c', ':v0 = :v1', 'NOT a', 'a AND b', 'a = :v0 a = :v0',
		'a=:v0 AND(b=:v1)OR NOT(c<>:v2)', 'a = :v0 And b = :v1 oR NOT c = :v2',
		'#n0.#n1[0].#n2 = :v0', 'a = a', 'a = b', ':v0 = a', ':v0 BETWEEN :v1 AND :v2',
		'a BETWEEN :v1 AND :v0', 'a IN (a)', 'a IN (:v0, a)', '# = :v0', ': = a', '#.a = :v0',
		'a = :', 'a = #', 'a = ::v0', 'a = ##n0', 'a = :v0#n0', 'a = 1', 'a = "x"', "a = 'x'",
		'a = :v0 -- comment', 'a = :v0; DROP TABLE x', 'a = :v0 + :v1', 'a + b = :v0',
		'attribute_not_exists(pk) AND attribute_not_exists(sk)', 'attribute_exists(pk)',
		'size(l) > :v0', 'contains(ss, :v0)', 'contains(l, l)', 'begins_with(s, s)',
		# functions inside the arguments of functions
		'contains(a, list_append(b, c))', 'contains(a, list_append(:v0, :v1))',
		'begins_with(a, if_not_exists(b, :v0))', 'begins_with(if_not_exists(b, :v0), :v1)',
		'size(if_not_exists(a, :v0)) = :v1', 'size(list_append(a, b)) > :v0',
		'a = size(list_append(b, c))', 'a IN (size(if_not_exists(b, :v0)))',
		'attribute_type(a, list_append(b, c))', 'attribute_type(if_not_exists(a, b), :v0)',
		'attribute_exists(if_not_exists(b, c))', 'attribute_not_exists(size(a))',
		'contains(size(a), :v0)', 'contains(a, size(b))', 'size(size(a)) = :v0',
		'contains(a, attribute_exists(b))', 'size(attribute_exists(a)) = :v0',
		'if_not_exists(a, :v0) = :v1', 'list_append(a, :v0) BETWEEN :v1 AND :v2',
		'a BETWEEN size(b) AND if_not_exists(c, :v0)', 'a IN (list_append(b, c), :v0)',
		'contains(list_append(a, b), if_not_exists(c, :v0))');
	push @c, map { ['update', $_] } ('', ' ', 'SET', 'REMOVE', 'ADD', 'DELETE', 'SET a', 'SET a =',
		'SET = :v0', 'SET a = :v0,', 'SET a = :v0 SET b = :v1', 'REMOVE a REMOVE b',
		'ADD a :v0 ADD b :v1', 'DELETE a :v0 DELETE b :v1', 'SET a = :v0 REMOVE a',
		'SET a = :v0, a = :v1', 'SET a = :v0, a.b = :v1', 'SET a[0] = :v0, a[0] = :v1',
		'SET a.b = :v0, a = :v1', 'REMOVE a, a', 'REMOVE a[0], a', 'ADD a b', 'ADD a', 'ADD :v0 a',
		'DELETE a', 'DELETE a b', 'SET a = a + :v0 + :v1', 'SET a = a - - :v0', 'SET a = + :v0',
		'SET a = :v0 +', 'SET a = size(b)', 'SET a = attribute_exists(b)', 'SET a = if_not_exists(b)',
		'SET a = if_not_exists(:v0, b)', 'SET a = list_append(:v0)', 'SET a = list_append(:v0, :v1, :v2)',
		'SET a = list_append(a, if_not_exists(b, :v0))', 'SET pk = :v0', 'SET sk = :v0', 'REMOVE pk',
		'ADD pk :v0', 'SET #pk = :v0', 'SET a[0] = :v0', 'SET a[99999] = :v0', 'REMOVE a[5]',
		'SET n = n + :one', 'ADD n :one', 'ADD ss :v0', 'DELETE ss :v0', 'DELETE ns :v0',
		'ADD l :v0', 'SET l[0] = :v0', 'SET m.deep.x = :v0', 'REMOVE m.deep.x, l[0], l[1]',
		'SET l = list_append(l, l)', 'SET s = s + :one', 'SET nul = nul + :one',
		'set a = :v0 remove b add c :v1 delete d :v2', 'SET a = :v0 REMOVE b ADD c :v1 DELETE d :v2',
		'SET a = :v0 AND b = :v1', 'SET a = :v0 WHERE b = :v1', 'UPDATE a = :v0', 'SET (a) = :v0',
		'SET a = (:v0)', 'SET a.#n0[2].b = :v0', 'REMOVE', 'REMOVE ,', 'SET ,',
		'SET a = list_append(size(b), :v0)', 'SET a = if_not_exists(b, size(c))',
		'SET a = if_not_exists(b, list_append(c, :v0))', 'SET a = list_append(if_not_exists(b, :v0), :v1)',
		'SET a = if_not_exists(if_not_exists(b, :v0), :v1)', 'SET a = list_append(list_append(a, :v0), :v1)',
		'SET a = if_not_exists(b, :v0) + if_not_exists(c, :v1)', 'SET a = list_append(a, :v0) - :v1',
		'SET a = contains(b, :v0)', 'SET a = if_not_exists(contains(b, :v0), :v1)',
		'ADD a if_not_exists(b, :v0)', 'DELETE a list_append(b, :v0)', 'REMOVE if_not_exists(a, :v0)');
	push @c, map { ['proj', $_] } ('', ' ', ',', 'a,', ',a', 'a,,b', 'a b', 'a.b.c', 'a[0][1].b',
		'#n0', '#n0.#n1', ':v0', 'a = :v0', 'size(a)', 'a, a', 'a, a.b', 'a.b, a', 'a[0], a',
		'pk, sk', 'name', '#', '#.a', 'a[0', 'a]', 'a[]', 'a[x]', 'a.0', 'a[2147483648]',
		'a[2147483647]', 'l[0], l[1], m.deep.x', '*', 'ALL', 'a (b)');
	return @c;
}

sub corpus_case
{
	my ($kind, $expr) = @_;
	my $cond;
	$cond = 'attribute_exists(pk)' if $kind eq 'update' && chance(0.3);
	for my $as_text (0, 1)
	{
		my ($op, $req, $has_cond) = request($kind, $expr, $cond);
		emit($op, $req, $has_cond, $as_text);
	}
}

# huge literals and names in the request around a valid expression
sub huge_cases
{
	my $t = $TABLES[0];
	my @reqs;
	push @reqs, ['put', { TableName => 'fuzz_h', Item => { pk => { S => 'k0' }, a => { S => 'x' x 350000 } },
		ConditionExpression => 'size(a) < :v0', ExpressionAttributeValues => { ':v0' => { N => '1' } } }, 1];
	push @reqs, ['put', { TableName => 'fuzz_h', Item => { pk => { S => 'k0' }, a => { S => 'x' x 450000 } },
		ConditionExpression => 'attribute_exists(pk)' }, 1];
	push @reqs, ['update', { TableName => 'fuzz_h', Key => { pk => { S => 'k1' } },
		UpdateExpression => 'SET a = :v0', ExpressionAttributeValues => { ':v0' => { S => 'y' x 450000 } } }, 0];
	push @reqs, ['update', { TableName => 'fuzz_h', Key => { pk => { S => 'k1' } },
		UpdateExpression => 'SET #n = :v0', ExpressionAttributeNames => { '#n' => 'n' x 70000 },
		ExpressionAttributeValues => { ':v0' => { N => '1' } } }, 0];
	push @reqs, ['update', { TableName => 'fuzz_h', Key => { pk => { S => 'k1' } },
		UpdateExpression => 'SET #n = :v0', ExpressionAttributeNames => { '#n' => 'n' x 65535 },
		ExpressionAttributeValues => { ':v0' => { N => '1' } } }, 0];
	push @reqs, ['update', { TableName => 'fuzz_h', Key => { pk => { S => 'k1' } },
		UpdateExpression => 'SET a = :v0', ExpressionAttributeValues => { ':v0' => { N => '1' x 5000 } } }, 0];
	push @reqs, ['update', { TableName => 'fuzz_h', Key => { pk => { S => 'k1' } },
		UpdateExpression => 'ADD n :v0', ExpressionAttributeValues =>
		{ ':v0' => { N => '9.9999999999999999999999999999999999999E+125' } } }, 0]
		for 1 .. 3;
	push @reqs, ['update', { TableName => 'fuzz_h', Key => { pk => { S => 'k1' } },
		UpdateExpression => 'SET n = n - :v0', ExpressionAttributeValues =>
		{ ':v0' => { N => '9.9999999999999999999999999999999999999E+125' } } }, 0]
		for 1 .. 3;
	push @reqs, ['update', { TableName => 'fuzz_h', Key => { pk => { S => 'k1' } },
		UpdateExpression => 'SET a = :v0', ExpressionAttributeValues =>
		{ ':v0' => { L => [ ({ N => '1' }) x 50000 ] } } }, 0];
	my $deep = { N => '1' };
	$deep = { L => [ $deep ] } for 1 .. 40;
	push @reqs, ['update', { TableName => 'fuzz_h', Key => { pk => { S => 'k1' } },
		UpdateExpression => 'SET a = :v0', ExpressionAttributeValues => { ':v0' => $deep } }, 0];
	$deep = { N => '1' };
	$deep = { M => { a => $deep } } for 1 .. 33;
	push @reqs, ['update', { TableName => 'fuzz_h', Key => { pk => { S => 'k1' } },
		UpdateExpression => 'SET a = :v0', ExpressionAttributeValues => { ':v0' => $deep } }, 0];
	push @reqs, ['put', { TableName => 'fuzz_h', Item => { pk => { S => 'k2' } },
		ConditionExpression => 'attribute_not_exists(a)',
		ExpressionAttributeValues => { map { (":u$_" => { N => "$_" }) } 1 .. 1000 } }, 1];
	push @reqs, ['put', { TableName => 'fuzz_h', Item => { pk => { S => 'k2' } },
		ConditionExpression => 'attribute_not_exists(a)',
		ExpressionAttributeNames => { map { ("#u$_" => "u$_") } 1 .. 1000 } }, 1];
	push @reqs, ['get', { TableName => 'fuzz_h', Key => { pk => { S => 'k2' } },
		ProjectionExpression => join(',', map { "#p$_" } 1 .. 400),
		ExpressionAttributeNames => { map { ("#p$_" => "p$_") } 1 .. 400 } }, 0];
	push @reqs, ['get', { TableName => 'fuzz_h', Key => { pk => { S => 'k2' } },
		ProjectionExpression => join(',', map { "#p$_" } 1 .. 400),
		ExpressionAttributeNames => { map { ("#p$_" => 'p') } 1 .. 400 } }, 0];
	push @reqs, ['put', { TableName => 'fuzz_h', Item => { pk => { S => 'k3' }, s => { S => "a\x{1}b" } },
		ConditionExpression => 'attribute_not_exists(#n) OR begins_with(#n, :v)',
		ExpressionAttributeNames => { '#n' => "\x{1}\x{1f600}\x{2028}" },
		ExpressionAttributeValues => { ':v' => { S => "\x{1}" } } }, 1];
	for my $r (@reqs)
	{
		for my $as_text (0, 1)
		{
			emit($r->[0], $r->[1], $r->[2], $as_text);
		}
	}
}

# Hand-made edge cases of evaluation, with concrete values, each against
# the same item, put first: fuzz_h k0 = {n 5, s 'hello', l [1, 'x', [2]],
# m {a: 1, b: ['y'], deep: {x: 3}}, ss [a, b], ns [1, 2], bo true,
# nul null, bin, bs}.
sub semantic_cases
{
	my $N = sub { return { N => $_[0] } };
	my $S = sub { return { S => $_[0] } };
	my $full = { pk => { S => 'k0' }, n => { N => '5' }, s => { S => 'hello' },
		l => { L => [ { N => '1' }, { S => 'x' }, { L => [ { N => '2' } ] } ] },
		m => { M => { a => { N => '1' }, b => { L => [ { S => 'y' } ] }, deep => { M => { x => { N => '3' } } } } },
		ss => { SS => ['a', 'b'] }, ns => { NS => ['1', '2'] }, bo => { BOOL => \1 }, nul => { NULL => \1 },
		bin => { B => 'AAEC' }, bs => { BS => ['AA==', 'AQ=='] } };
	my $big = '9.9999999999999999999999999999999999999E+125';
	my @upd = (
		['DELETE ss :v', { ':v' => { SS => ['a', 'b'] } }],
		['DELETE ss :v', { ':v' => { SS => ['a', 'b', 'c'] } }],
		['DELETE ns :v', { ':v' => { NS => ['1', '2.0'] } }],
		['DELETE bs :v', { ':v' => { BS => ['AA==', 'AQ=='] } }],
		['DELETE ss :v, ns :w', { ':v' => { SS => ['a', 'b'] }, ':w' => { NS => ['2', '1'] } }],
		['DELETE ss :v', { ':v' => { NS => ['1'] } }],
		['DELETE l :v', { ':v' => { SS => ['x'] } }],
		['DELETE nosuch :v', { ':v' => { SS => ['x'] } }],
		['ADD ss :v', { ':v' => { SS => ['c', "\x{1f600}"] } }],
		['ADD ns :v', { ':v' => { NS => ['1E-130', '-1E-130'] } }],
		['ADD n :v', { ':v' => $N->($big) }],
		['ADD n :v', { ':v' => $N->("-$big") }],
		['ADD n :v', { ':v' => $N->('1E-130') }],
		['ADD n :v', { ':v' => $N->('0.00000000000000000000000000000000000001') }],
		['ADD n :v', { ':v' => $N->('12345678901234567890123456789012345678') }],
		['ADD n :v, n2 :v', { ':v' => $N->('1') }],
		['ADD nosuch :v', { ':v' => { NS => ['1'] } }],
		['ADD s :v', { ':v' => $N->('1') }],
		['ADD m.deep.x :v', { ':v' => $N->('1') }],
		['ADD l[0] :v', { ':v' => $N->('1') }],
		['ADD l[9] :v', { ':v' => $N->('1') }],
		['SET n = n + :v', { ':v' => $N->($big) }],
		['SET n = :v - n', { ':v' => $N->("-$big") }],
		['SET n = n - :v', { ':v' => $N->('0.1234567890123456789012345678901234567891') }],
		['SET n = :a + :b', { ':a' => $N->('1E+125'), ':b' => $N->('1E-125') }],
		['SET n = :a - :b', { ':a' => $N->('1E+125'), ':b' => $N->('1E+125') }],
		['SET n = nosuch + :v', { ':v' => $N->('1') }],
		['SET n = s + :v', { ':v' => $N->('1') }],
		['SET n = if_not_exists(nosuch, :v) + :v', { ':v' => $N->('1') }],
		['SET m.deep.x = m.deep.x + :v', { ':v' => $N->('1') }],
		['SET m.nosuch.x = :v', { ':v' => $N->('1') }],
		['SET l[0].x = :v', { ':v' => $N->('1') }],
		['SET l[2][0] = :v', { ':v' => $N->('1') }],
		['SET l[2][5] = :v, l[9] = :v, l[7] = :v', { ':v' => $N->('1') }],
		['SET l[2147483647] = :v', { ':v' => $N->('1') }],
		['SET s[0] = :v', { ':v' => $N->('1') }],
		['SET m[0] = :v', { ':v' => $N->('1') }],
		['SET ss[0] = :v', { ':v' => $N->('1') }],
		['SET l = list_append(l, :v)', { ':v' => { L => [] } }],
		['SET l = list_append(:v, l)', { ':v' => { L => [ $S->('z') ] } }],
		['SET l = list_append(l, :v)', { ':v' => $S->('z') }],
		['SET l = list_append(nosuch, :v)', { ':v' => { L => [] } }],
		['SET l = list_append(if_not_exists(nosuch, :e), :v)', { ':v' => { L => [ $N->('1') ] }, ':e' => { L => [] } }],
		['SET x = if_not_exists(x, if_not_exists(y, :v))', { ':v' => $N->('1') }],
		['SET x = :v', { ':v' => { M => {} } }],
		['SET x = :v', { ':v' => { L => [ { M => { '' => $N->('1') } } ] } }],
		['SET x = :v', { ':v' => { S => '' } }],
		['SET x = :v', { ':v' => { B => '' } }],
		['REMOVE l[0], l[1], l[2]', {}],
		['REMOVE l[5], m.nosuch, nosuch', {}],
		['REMOVE m.deep.x, m.deep', {}],
		['REMOVE m.a, m.b, m.deep', {}],
		['REMOVE ss, ns, bs, s, n, l, m, bo, nul, bin', {}],
		['REMOVE s[0]', {}],
		['REMOVE m[0], l.a', {}],
		['SET #k = :v', { ':v' => $S->('z') }, { '#k' => 'pk' }],
		['SET #e = :v', { ':v' => $S->('z') }, { '#e' => '' }],
		['SET #e = :v', { ':v' => $S->('z') }, { '#e' => "a\x{1}\x{2028}b" }],
		['SET #e.#f = :v', { ':v' => $S->('z') }, { '#e' => 'm', '#f' => 'a.b' }],
		['SET #e = :v', { ':v' => $S->('z') }, { '#e' => 'x' x 65535 }],
		['SET #e = :v', { ':v' => $S->('z') }, { '#e' => 'x' x 65536 }],
	);
	my @cond = (
		['size(ss) = :v', { ':v' => $N->('2') }],
		['size(s) = :v AND size(l) = :w AND size(m) = :w AND size(bin) = :w AND size(bs) = :x',
			{ ':v' => $N->('5'), ':w' => $N->('3'), ':x' => $N->('2') }],
		['size(n) = :v', { ':v' => $N->('1') }],
		['size(bo) > :v OR size(nul) > :v OR size(nosuch) > :v', { ':v' => $N->('0') }],
		['contains(ss, :v) AND contains(ns, :w) AND contains(s, :x) AND contains(l, :y)',
			{ ':v' => $S->('a'), ':w' => $N->('2.0'), ':x' => $S->('ell'), ':y' => $S->('x') }],
		['contains(l, :v)', { ':v' => { L => [ $N->('2') ] } }],
		['contains(bs, :v)', { ':v' => { B => 'AA==' } }],
		['contains(n, :v)', { ':v' => $N->('5') }],
		['contains(s, :v)', { ':v' => $S->('') }],
		['contains(ss, ss)', {}],
		['begins_with(s, :v) AND begins_with(bin, :b)', { ':v' => $S->('he'), ':b' => { B => 'AA==' } }],
		['begins_with(s, :v)', { ':v' => $N->('1') }],
		['begins_with(n, :v)', { ':v' => $S->('5') }],
		['begins_with(s, s)', {}],
		['attribute_type(n, :t) AND attribute_type(ss, :u)', { ':t' => $S->('N'), ':u' => $S->('SS') }],
		['attribute_type(n, :t)', { ':t' => $S->('XX') }],
		['attribute_type(n, :t)', { ':t' => $N->('1') }],
		['attribute_type(n, :t)', { ':t' => $S->('') }],
		['n BETWEEN :a AND :b', { ':a' => $N->('1'), ':b' => $N->('9') }],
		['n BETWEEN :a AND :b', { ':a' => $N->('9'), ':b' => $N->('1') }],
		['n BETWEEN :a AND :b', { ':a' => $N->('1'), ':b' => $S->('9') }],
		['s BETWEEN :a AND :b', { ':a' => $S->("\x{e9}"), ':b' => $S->("\x{1f600}") }],
		['s BETWEEN :a AND :b', { ':a' => $S->("\x{1f600}"), ':b' => $S->("\x{e9}") }],
		['bin BETWEEN :a AND :b', { ':a' => { B => 'AA==' }, ':b' => { B => '/w==' } }],
		['n BETWEEN n AND n', {}],
		['n IN (:a, :b, :c)', { ':a' => $S->('5'), ':b' => $N->('5.0'), ':c' => { NULL => \1 } }],
		['l IN (:a)', { ':a' => { L => [ $N->('1'), $S->('x'), { L => [ $N->('2') ] } ] } }],
		['m = :a', { ':a' => { M => { a => $N->('1'), b => { L => [ $S->('y') ] }, deep => { M => { x => $N->('3') } } } } }],
		['ss = :a AND ns = :b', { ':a' => { SS => ['b', 'a'] }, ':b' => { NS => ['2', '1.0'] } }],
		['n < :a AND n <= :a AND n <> :b', { ':a' => $N->($big), ':b' => $N->('-1E-130') }],
		['s < :a', { ':a' => $N->('1') }],
		['bo = :t AND nul = :n', { ':t' => { BOOL => \1 }, ':n' => { NULL => \1 } }],
		['bo < :t', { ':t' => { BOOL => \1 } }],
		['nul < :n', { ':n' => { NULL => \1 } }],
		['l[2][0] = :v AND m.deep.x = :w AND m.b[0] = :y', { ':v' => $N->('2'), ':w' => $N->('3'), ':y' => $S->('y') }],
		['l[2147483647] = :v OR l[0][0] = :v OR s[0] = :v OR m[0] = :v', { ':v' => $N->('1') }],
		['l.a = :v OR m.a.b = :v', { ':v' => $N->('1') }],
		['#a = :v', { ':v' => $N->('5') }, { '#a' => 'n' }],
		['#a = :v', { ':v' => $N->('5') }, { '#a' => '' }],
		['#a.#b = :v', { ':v' => $N->('3') }, { '#a' => 'm', '#b' => 'deep' }],
		['attribute_exists(#a)', {}, { '#a' => "\x{1}" }],
		['attribute_not_exists(pk) OR attribute_exists(pk)', {}],
		['NOT NOT NOT attribute_exists(pk)', {}],
		['n = :v', { ':v' => { N => '5' }, ':w' => { N => '6' } }],
		['n = :v', {}],
		['n = :v', { ':v' => {} }],
	);
	for my $u (@upd)
	{
		my ($expr, $eav, $ean) = @$u;
		for my $as_text (0, 1)
		{
			emit('put', { TableName => 'fuzz_h', Item => $full }, 0, 0);
			my $req = { TableName => 'fuzz_h', Key => { pk => { S => 'k0' } }, UpdateExpression => $expr,
				ReturnValues => 'ALL_NEW' };
			$req->{ExpressionAttributeValues} = $eav if %$eav;
			$req->{ExpressionAttributeNames} = $ean if $ean;
			$req->{ConditionExpression} = 'attribute_exists(pk)' if $as_text;
			emit('update', $req, $as_text, $as_text);
		}
	}
	for my $c (@cond)
	{
		my ($expr, $eav, $ean) = @$c;
		for my $op ('put', 'delete', 'update')
		{
			my $req = { TableName => 'fuzz_h', ConditionExpression => $expr };
			$req->{ExpressionAttributeValues} = $eav if %$eav;
			$req->{ExpressionAttributeNames} = $ean if $ean;
			if ($op eq 'put') { $req->{Item} = $full; }
			else { $req->{Key} = { pk => { S => 'k0' } }; }
			if ($op eq 'update')
			{
				$req->{UpdateExpression} = 'SET touched = :touched';
				$req->{ExpressionAttributeValues} = { %$eav, ':touched' => $N->('1') };
			}
			# put the full item first, so the condition sees it
			emit('put', { TableName => 'fuzz_h', Item => $full }, 0, 0);
			emit($op, $req, 1, $op eq 'delete');
		}
	}
	# U+0000, which only the text entry point can carry: in the expression,
	# names, values, item attribute names and keys; then the jsonb entry
	# points meet the stored item
	my @nul = (
		'{"TableName":"fuzz_h","Item":{"pk":{"S":"k0"},"a\\u0000b":{"S":"x\\u0000y"},"n":{"N":"5"}}}',
		'{"TableName":"fuzz_h","Key":{"pk":{"S":"k0"}},"ProjectionExpression":"#a","ExpressionAttributeNames":{"#a":"a\\u0000b"}}',
		'{"TableName":"fuzz_h","Key":{"pk":{"S":"k0"}},"ProjectionExpression":"n"}',
		'{"TableName":"fuzz_h","Key":{"pk":{"S":"k0"}},"ConditionExpression":"#a = :v","ExpressionAttributeNames":{"#a":"a\\u0000b"},"ExpressionAttributeValues":{":v":{"S":"x\\u0000y"}},"UpdateExpression":"SET #a = :w","ExpressionAttributeValues":{":v":{"S":"x\\u0000y"},":w":{"S":"\\u0000"}}}',
		'{"TableName":"fuzz_h","Key":{"pk":{"S":"k0"}},"UpdateExpression":"SET #a = :v","ConditionExpression":"begins_with(#a, :v) OR contains(#a, :v) OR size(#a) > :n","ExpressionAttributeNames":{"#a":"a\\u0000b"},"ExpressionAttributeValues":{":v":{"S":"\\u0000"},":n":{"N":"1"}},"ReturnValues":"ALL_OLD"}',
		'{"TableName":"fuzz_h","Key":{"pk":{"S":"k0"}},"UpdateExpression":"SET a = :v\\u0000"}',
		'{"TableName":"fuzz_h","Key":{"pk":{"S":"k0"}},"UpdateExpression":"SET #a\\u0000 = :v","ExpressionAttributeNames":{"#a\\u0000":"a"},"ExpressionAttributeValues":{":v":{"N":"1"}}}',
		'{"TableName":"fuzz_h","Key":{"pk":{"S":"k0"}},"UpdateExpression":"SET a = :v","ExpressionAttributeValues":{":v":{"SS":["\\u0000","\\u0000\\u0000"]}}}',
		'{"TableName":"fuzz_h","Key":{"pk":{"S":"k0"}},"UpdateExpression":"DELETE a :v","ExpressionAttributeValues":{":v":{"SS":["\\u0000"]}},"ReturnValues":"UPDATED_NEW"}',
		'{"TableName":"fuzz_h","Item":{"pk":{"S":"k\\u0000"},"v":{"S":"\\u0000"}},"ConditionExpression":"attribute_not_exists(pk)"}',
		'{"TableName":"fuzz_h","Key":{"pk":{"S":"k\\u0000"}},"UpdateExpression":"SET v = :v","ExpressionAttributeValues":{":v":{"M":{"\\u0000":{"S":"\\u0000"}}}},"ReturnValues":"ALL_NEW"}',
		'{"TableName":"fuzz_h","Key":{"pk":{"S":"k\\u0000"}},"ConditionExpression":"v.#z = :v","ExpressionAttributeNames":{"#z":"\\u0000"},"ExpressionAttributeValues":{":v":{"S":"\\u0000"}},"ReturnValues":"ALL_OLD"}',
	);
	my @ops = ('PutItem', 'GetItem', 'GetItem', 'UpdateItem', 'UpdateItem', 'UpdateItem', 'UpdateItem',
		'UpdateItem', 'UpdateItem', 'PutItem', 'UpdateItem', 'DeleteItem');
	my %op_of = (PutItem => 'put', GetItem => 'get', UpdateItem => 'update', DeleteItem => 'delete');
	emit('put', { TableName => 'fuzz_h', Item => $full }, 0, 0);
	for my $i (0 .. $#nul)
	{
		emit($op_of{$ops[$i]}, {}, 1, 1, $nul[$i]);
		# the same item through the jsonb entry points: DY001 at worst
		emit('get', { TableName => 'fuzz_h', Key => { pk => { S => 'k0' } } }, 0, 0);
		emit('get', { TableName => 'fuzz_h', Key => { pk => { S => 'k0' } }, ProjectionExpression => 'n' }, 0, 0);
		emit('update', { TableName => 'fuzz_h', Key => { pk => { S => 'k0' } }, UpdateExpression => 'SET n = :v',
			ExpressionAttributeValues => { ':v' => { N => '1' } }, ReturnValues => 'ALL_OLD' }, 0, 0);
	}
	reset_items();
}

# ---------------------------------------------------------------- main
reset_items();
semantic_cases();
huge_cases();
my @corpus = corpus_exprs();
corpus_case(@$_) for @corpus;
while ($ncases < $count)
{
	reset_items() if $ncases - $last_reset >= 500;
	random_case();
}
reset_items();
