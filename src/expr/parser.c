/*-------------------------------------------------------------------------
 * parser.c
 *	  Lexer and recursive-descent parser for DynamoDB's expressions.
 *
 * Hand-written rather than flex/bison: the grammars are small, DynamoDB's
 * errors need the offending token and its neighbours, and a parse must
 * allocate only in the caller's (cache entry's) memory context.  Operator
 * precedence, lowest first: OR, AND, NOT, then comparisons, BETWEEN, IN
 * and functions; parentheses group conditions.
 *
 * The result keeps #name and :value placeholders unresolved (see expr.h);
 * reserved words, function names and arities, and update clause structure
 * are checked here since they depend on the text alone.
 *-------------------------------------------------------------------------
 */
#include "postgres.h"

#include "miscadmin.h"

#include "errors.h"
#include "expr/expr.h"
#include "expr/reserved.h"

const char *const expr_type_names[] = {
	[EXPR_TYPE_CONDITION] = "ConditionExpression",
	[EXPR_TYPE_FILTER] = "FilterExpression",
	[EXPR_TYPE_KEY_CONDITION] = "KeyConditionExpression",
	[EXPR_TYPE_UPDATE] = "UpdateExpression",
	[EXPR_TYPE_PROJECTION] = "ProjectionExpression",
};

const char *const expr_func_names[] = {
	[EXPR_FN_ATTRIBUTE_EXISTS] = "attribute_exists",
	[EXPR_FN_ATTRIBUTE_NOT_EXISTS] = "attribute_not_exists",
	[EXPR_FN_ATTRIBUTE_TYPE] = "attribute_type",
	[EXPR_FN_BEGINS_WITH] = "begins_with",
	[EXPR_FN_CONTAINS] = "contains",
	[EXPR_FN_SIZE] = "size",
	[EXPR_FN_IF_NOT_EXISTS] = "if_not_exists",
	[EXPR_FN_LIST_APPEND] = "list_append",
};

/* arity of each function */
static const int func_nargs[] = {
	[EXPR_FN_ATTRIBUTE_EXISTS] = 1,
	[EXPR_FN_ATTRIBUTE_NOT_EXISTS] = 1,
	[EXPR_FN_ATTRIBUTE_TYPE] = 2,
	[EXPR_FN_BEGINS_WITH] = 2,
	[EXPR_FN_CONTAINS] = 2,
	[EXPR_FN_SIZE] = 1,
	[EXPR_FN_IF_NOT_EXISTS] = 2,
	[EXPR_FN_LIST_APPEND] = 2,
};

typedef enum TokKind
{
	T_EOF, T_IDENT, T_NAMEREF, T_VALREF, T_NUMBER, T_LPAREN, T_RPAREN,
	T_LBRACK, T_RBRACK, T_COMMA, T_DOT, T_EQ, T_NE, T_LT, T_LE, T_GT, T_GE,
	T_PLUS, T_MINUS, T_BAD
} TokKind;

typedef struct Token
{
	TokKind		kind;
	int			start;
	int			len;
} Token;

/*
 * Errors found while parsing that DynamoDB reports only after a successful
 * parse, in an order of its own per expression type (see expr_parse).
 */
typedef enum PendKind
{
	PEND_REDUNDANT, PEND_UNKNOWN_FN, PEND_MISUSE, PEND_RESERVED, PEND_NARGS,
	PEND__COUNT
} PendKind;

typedef struct Parser
{
	ExprType	type;
	const char *text;
	int			len;
	Token	   *toks;
	int			ntoks;
	int			pos;
	int			depth;
	ExprParsed *res;
	DynErrorId	pend_id[PEND__COUNT];
	char	   *pend_msg[PEND__COUNT];
} Parser;

static void
pend(Parser *p, PendKind kind, DynErrorId id, const char *arg)
{
	if (p->pend_msg[kind] != NULL)
		return;
	p->pend_id[kind] = id;
	p->pend_msg[kind] = arg ? dyn_error_text(id, expr_type_names[p->type], arg) :
		dyn_error_text(id, expr_type_names[p->type]);
}

#define MAX_NESTING 256

static bool
is_ident_start(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool
is_ident_char(char c)
{
	return is_ident_start(c) || (c >= '0' && c <= '9') || c == '_';
}

static void
lex(Parser *p)
{
	int			i = 0;
	int			cap = 64;

	p->toks = palloc(sizeof(Token) * cap);
	p->ntoks = 0;
	for (;;)
	{
		Token		t;

		while (i < p->len && (p->text[i] == ' ' || p->text[i] == '\t' ||
							  p->text[i] == '\n' || p->text[i] == '\r'))
			i++;
		t.start = i;
		if (i >= p->len)
			t.kind = T_EOF;
		else
		{
			char		c = p->text[i];

			if (is_ident_start(c))
			{
				t.kind = T_IDENT;
				while (i < p->len && is_ident_char(p->text[i]))
					i++;
			}
			else if ((c == '#' || c == ':') && i + 1 < p->len && is_ident_char(p->text[i + 1]))
			{
				t.kind = (c == '#') ? T_NAMEREF : T_VALREF;
				i++;
				while (i < p->len && is_ident_char(p->text[i]))
					i++;
			}
			else if (c >= '0' && c <= '9')
			{
				t.kind = T_NUMBER;
				while (i < p->len && p->text[i] >= '0' && p->text[i] <= '9')
					i++;
			}
			else
			{
				i++;
				switch (c)
				{
					case '(':
						t.kind = T_LPAREN;
						break;
					case ')':
						t.kind = T_RPAREN;
						break;
					case '[':
						t.kind = T_LBRACK;
						break;
					case ']':
						t.kind = T_RBRACK;
						break;
					case ',':
						t.kind = T_COMMA;
						break;
					case '.':
						t.kind = T_DOT;
						break;
					case '=':
						t.kind = T_EQ;
						break;
					case '+':
						t.kind = T_PLUS;
						break;
					case '-':
						t.kind = T_MINUS;
						break;
					case '<':
						t.kind = T_LT;
						if (i < p->len && p->text[i] == '=')
						{
							t.kind = T_LE;
							i++;
						}
						else if (i < p->len && p->text[i] == '>')
						{
							t.kind = T_NE;
							i++;
						}
						break;
					case '>':
						t.kind = T_GT;
						if (i < p->len && p->text[i] == '=')
						{
							t.kind = T_GE;
							i++;
						}
						break;
					default:
						/* one whole UTF-8 character */
						t.kind = T_BAD;
						while (i < p->len && (p->text[i] & 0xC0) == 0x80)
							i++;
						break;
				}
			}
		}
		t.len = i - t.start;
		if (p->ntoks == cap)
		{
			cap *= 2;
			p->toks = repalloc(p->toks, sizeof(Token) * cap);
		}
		p->toks[p->ntoks++] = t;
		if (t.kind == T_EOF)
			break;
	}
}

static Token *
peek(Parser *p)
{
	return &p->toks[p->pos];
}

static Token *
peek2(Parser *p)
{
	return &p->toks[Min(p->pos + 1, p->ntoks - 1)];
}

static char *
tok_text(Parser *p, Token *t)
{
	if (t->kind == T_EOF)
		return pstrdup("<EOF>");
	return pnstrdup(p->text + t->start, t->len);
}

/*
 * DynamoDB's syntax error: the offending token, and the text from the
 * start of the token before it to the end of the token after it.
 */
static void
syntax_error(Parser *p)
{
	int			i = p->pos;
	Token	   *t = &p->toks[i];
	int			from = (i > 0) ? p->toks[i - 1].start : t->start;
	int			to = t->start + t->len;

	if (t->kind != T_EOF && i + 1 < p->ntoks && p->toks[i + 1].kind != T_EOF)
		to = p->toks[i + 1].start + p->toks[i + 1].len;
	dyn_error(DYN_ERR_EXPR_SYNTAX, expr_type_names[p->type], tok_text(p, t),
			  pnstrdup(p->text + from, to - from));
}

static bool
tok_is_word(Parser *p, Token *t, const char *word)
{
	return t->kind == T_IDENT && t->len == (int) strlen(word) &&
		pg_strncasecmp(p->text + t->start, word, t->len) == 0;
}

static Token *
expect(Parser *p, TokKind kind)
{
	Token	   *t = peek(p);

	if (t->kind != kind)
		syntax_error(p);
	p->pos++;
	return t;
}

static void
add_ref(List **refs, char *name)
{
	ListCell   *lc;

	foreach(lc, *refs)
		if (strcmp((char *) lfirst(lc), name) == 0)
			return;
	*refs = lappend(*refs, name);
}

static void
enter(Parser *p)
{
	check_stack_depth();
	if (++p->depth > MAX_NESTING)
		syntax_error(p);
}

/* path := (IDENT | NAMEREF) ( '.' (IDENT | NAMEREF) | '[' NUMBER ']' )* */
static ExprPath *
parse_path(Parser *p)
{
	ExprPath   *path = palloc0(sizeof(ExprPath));
	int			cap = 4;

	path->elems = palloc0(sizeof(PathElem) * cap);
	for (;;)
	{
		Token	   *t = peek(p);
		PathElem   *e;

		if (path->n == cap)
		{
			cap *= 2;
			path->elems = repalloc(path->elems, sizeof(PathElem) * cap);
		}
		e = &path->elems[path->n];
		memset(e, 0, sizeof(PathElem));

		if (path->n == 0 || peek(p)->kind == T_DOT)
		{
			if (path->n > 0)
			{
				p->pos++;
				t = peek(p);
			}
			if (t->kind == T_IDENT)
			{
				e->name = tok_text(p, t);
				e->namelen = t->len;
				if (expr_is_reserved(e->name))
					pend(p, PEND_RESERVED, DYN_ERR_EXPR_RESERVED, e->name);
			}
			else if (t->kind == T_NAMEREF)
			{
				e->name = tok_text(p, t);
				e->namelen = t->len;
				e->is_ref = true;
				add_ref(&p->res->name_refs, e->name);
			}
			else
				syntax_error(p);
			p->pos++;
		}
		else if (peek(p)->kind == T_LBRACK)
		{
			Token	   *n;
			int64		v = 0;

			p->pos++;
			n = peek(p);
			if (n->kind != T_NUMBER)
				syntax_error(p);
			for (int k = 0; k < n->len; k++)
			{
				v = v * 10 + (p->text[n->start + k] - '0');
				if (v > PG_INT32_MAX)
					dyn_error(DYN_ERR_EXPR_INDEX_TOO_LARGE, expr_type_names[p->type],
							  tok_text(p, n));
			}
			p->pos++;
			expect(p, T_RBRACK);
			e->is_index = true;
			e->index = (int) v;
		}
		else
			break;
		path->n++;
		if (path->n > DYN_MAX_PATH_DEPTH)
			syntax_error(p);
	}
	return path;
}

static ExprNode *
new_node(ExprKind kind, int op, int nargs)
{
	ExprNode   *n = palloc0(sizeof(ExprNode));

	n->kind = kind;
	n->op = op;
	n->nargs = nargs;
	if (nargs > 0)
		n->args = palloc0(sizeof(ExprNode *) * nargs);
	return n;
}

static int
func_lookup(Parser *p, Token *t)
{
	for (int f = 0; f < EXPR_FN__COUNT; f++)
		if (t->len == (int) strlen(expr_func_names[f]) &&
			memcmp(p->text + t->start, expr_func_names[f], t->len) == 0)
			return f;
	return -1;
}

static bool
is_condition_function(int f)
{
	return f == EXPR_FN_ATTRIBUTE_EXISTS || f == EXPR_FN_ATTRIBUTE_NOT_EXISTS ||
		f == EXPR_FN_ATTRIBUTE_TYPE || f == EXPR_FN_BEGINS_WITH ||
		f == EXPR_FN_CONTAINS;
}

static ExprNode *parse_operand(Parser *p, bool update);

/* IDENT '(' operand (',' operand)* ')' */
static ExprNode *
parse_function(Parser *p, bool update)
{
	Token	   *name = peek(p);
	int			f = func_lookup(p, name);
	List	   *args = NIL;
	ExprNode   *n;
	ListCell   *lc;
	int			i = 0;

	if (f < 0)
		pend(p, PEND_UNKNOWN_FN, DYN_ERR_EXPR_BAD_FUNCTION, tok_text(p, name));
	enter(p);
	p->pos++;
	expect(p, T_LPAREN);
	if (peek(p)->kind != T_RPAREN)
	{
		args = lappend(args, parse_operand(p, update));
		while (peek(p)->kind == T_COMMA)
		{
			p->pos++;
			args = lappend(args, parse_operand(p, update));
		}
	}
	expect(p, T_RPAREN);
	p->depth--;

	n = new_node(EXPR_FUNC, f < 0 ? EXPR_FN_SIZE : f, list_length(args));
	foreach(lc, args)
		n->args[i++] = lfirst(lc);
	if (f >= 0 && n->nargs != func_nargs[f])
		pend(p, PEND_NARGS, DYN_ERR_EXPR_NARGS, psprintf("%s, number of operands: %d",
														 expr_func_names[f], n->nargs));
	/*
	 * The arguments of a function are operands, never conditions; outside
	 * an update only size() may be one.
	 */
	for (i = 0; i < n->nargs; i++)
		if (n->args[i]->kind == EXPR_FUNC &&
			(is_condition_function(n->args[i]->op) ||
			 (!update && n->args[i]->op != EXPR_FN_SIZE)))
			pend(p, PEND_MISUSE, DYN_ERR_EXPR_FUNC_USE, expr_func_names[n->args[i]->op]);
	return n;
}

/* operand := path | :value | function(...) */
static ExprNode *
parse_operand(Parser *p, bool update)
{
	Token	   *t = peek(p);
	ExprNode   *n;

	if (t->kind == T_LPAREN)
	{
		/* a parenthesized operand; two pairs are redundant */
		enter(p);
		p->pos++;
		n = parse_operand(p, update);
		expect(p, T_RPAREN);
		p->depth--;
		if (n->parens > 0)
			pend(p, PEND_REDUNDANT, DYN_ERR_EXPR_REDUNDANT_PARENS, NULL);
		n->parens++;
		return n;
	}
	if (t->kind == T_VALREF)
	{
		n = new_node(EXPR_VALUE, 0, 0);
		n->value = tok_text(p, t);
		add_ref(&p->res->value_refs, n->value);
		p->pos++;
		return n;
	}
	if (t->kind == T_IDENT && peek2(p)->kind == T_LPAREN)
		return parse_function(p, update);
	if (t->kind == T_IDENT || t->kind == T_NAMEREF)
	{
		n = new_node(EXPR_PATH, 0, 0);
		n->path = parse_path(p);
		return n;
	}
	syntax_error(p);
	return NULL;
}

static ExprNode *parse_or(Parser *p);


static int
comparator(Token *t)
{
	switch (t->kind)
	{
		case T_EQ:
			return EXPR_CMP_EQ;
		case T_NE:
			return EXPR_CMP_NE;
		case T_LT:
			return EXPR_CMP_LT;
		case T_LE:
			return EXPR_CMP_LE;
		case T_GT:
			return EXPR_CMP_GT;
		case T_GE:
			return EXPR_CMP_GE;
		default:
			return -1;
	}
}

/* A function is used as a condition or as an operand, never both ways */
static void
check_function_use(Parser *p, ExprNode *n, bool as_condition)
{
	if (n->kind != EXPR_FUNC)
		return;
	if (as_condition != is_condition_function(n->op) ||
		n->op == EXPR_FN_IF_NOT_EXISTS || n->op == EXPR_FN_LIST_APPEND)
		pend(p, PEND_MISUSE, DYN_ERR_EXPR_FUNC_USE, expr_func_names[n->op]);
}

/*
 * At '(' where a condition starts: is this a parenthesized operand, i.e.
 * is the token after the matching ')' a comparator, BETWEEN or IN?
 */
static bool
parenthesized_operand(Parser *p)
{
	int			depth = 0;

	for (int i = p->pos; i < p->ntoks && p->toks[i].kind != T_EOF; i++)
	{
		if (p->toks[i].kind == T_LPAREN)
			depth++;
		else if (p->toks[i].kind == T_RPAREN && --depth == 0)
		{
			Token	   *next = &p->toks[i + 1];

			return comparator(next) >= 0 || tok_is_word(p, next, "BETWEEN") ||
				tok_is_word(p, next, "IN");
		}
	}
	return false;
}

/*
 * primary := '(' or ')' | function | operand comparator operand
 *          | operand BETWEEN operand AND operand | operand IN '(' operands ')'
 */
static ExprNode *
parse_primary(Parser *p)
{
	Token	   *t = peek(p);
	ExprNode   *left;
	ExprNode   *n;
	int			cmp;

	if (t->kind == T_LPAREN && !parenthesized_operand(p))
	{
		enter(p);
		p->pos++;
		n = parse_or(p);
		expect(p, T_RPAREN);
		p->depth--;
		if (n->parens > 0)
			pend(p, PEND_REDUNDANT, DYN_ERR_EXPR_REDUNDANT_PARENS, NULL);
		n->parens++;
		return n;
	}
	left = parse_operand(p, false);
	t = peek(p);
	cmp = comparator(t);
	if (left->kind == EXPR_FUNC && cmp < 0 && !tok_is_word(p, t, "BETWEEN") &&
		!tok_is_word(p, t, "IN"))
	{
		/* a function standing as a condition */
		check_function_use(p, left, true);
		return left;
	}
	check_function_use(p, left, false);

	if (cmp >= 0)
	{
		p->pos++;
		n = new_node(EXPR_CMP, cmp, 2);
		n->args[0] = left;
		n->args[1] = parse_operand(p, false);
		check_function_use(p, n->args[1], false);
		return n;
	}
	if (tok_is_word(p, t, "BETWEEN"))
	{
		p->pos++;
		n = new_node(EXPR_BETWEEN, 0, 3);
		n->args[0] = left;
		n->args[1] = parse_operand(p, false);
		check_function_use(p, n->args[1], false);
		if (!tok_is_word(p, peek(p), "AND"))
			syntax_error(p);
		p->pos++;
		n->args[2] = parse_operand(p, false);
		check_function_use(p, n->args[2], false);
		return n;
	}
	if (tok_is_word(p, t, "IN"))
	{
		List	   *args = list_make1(left);
		ListCell   *lc;
		int			i = 0;

		p->pos++;
		expect(p, T_LPAREN);
		args = lappend(args, parse_operand(p, false));
		while (peek(p)->kind == T_COMMA)
		{
			p->pos++;
			args = lappend(args, parse_operand(p, false));
		}
		expect(p, T_RPAREN);
		if (list_length(args) - 1 > DYN_MAX_IN_OPERANDS)
			dyn_error(DYN_ERR_EXPR_IN_TOO_MANY, expr_type_names[p->type],
					  list_length(args) - 1);
		n = new_node(EXPR_IN, 0, list_length(args));
		foreach(lc, args)
		{
			n->args[i] = lfirst(lc);
			check_function_use(p, n->args[i], false);
			i++;
		}
		return n;
	}
	syntax_error(p);
	return NULL;
}

static ExprNode *
parse_not(Parser *p)
{
	if (tok_is_word(p, peek(p), "NOT"))
	{
		ExprNode   *n = new_node(EXPR_NOT, 0, 1);

		enter(p);
		p->pos++;
		n->args[0] = parse_not(p);
		p->depth--;
		return n;
	}
	return parse_primary(p);
}

static ExprNode *
parse_and(Parser *p)
{
	ExprNode   *left = parse_not(p);

	while (tok_is_word(p, peek(p), "AND"))
	{
		ExprNode   *n = new_node(EXPR_AND, 0, 2);

		p->pos++;
		n->args[0] = left;
		n->args[1] = parse_not(p);
		left = n;
	}
	return left;
}

static ExprNode *
parse_or(Parser *p)
{
	ExprNode   *left = parse_and(p);

	while (tok_is_word(p, peek(p), "OR"))
	{
		ExprNode   *n = new_node(EXPR_OR, 0, 2);

		p->pos++;
		n->args[0] = left;
		n->args[1] = parse_and(p);
		left = n;
	}
	return left;
}

/* SET value := operand [('+' | '-') operand] */
static ExprNode *
parse_set_value(Parser *p)
{
	ExprNode   *left = parse_operand(p, true);
	Token	   *t = peek(p);

	if (left->kind == EXPR_FUNC &&
		left->op != EXPR_FN_IF_NOT_EXISTS && left->op != EXPR_FN_LIST_APPEND)
		pend(p, PEND_MISUSE, DYN_ERR_EXPR_FUNC_USE, expr_func_names[left->op]);
	if (t->kind == T_PLUS || t->kind == T_MINUS)
	{
		ExprNode   *n = new_node(t->kind == T_PLUS ? EXPR_PLUS : EXPR_MINUS, 0, 2);

		p->pos++;
		n->args[0] = left;
		n->args[1] = parse_operand(p, true);
		if (n->args[1]->kind == EXPR_FUNC &&
			n->args[1]->op != EXPR_FN_IF_NOT_EXISTS && n->args[1]->op != EXPR_FN_LIST_APPEND)
			pend(p, PEND_MISUSE, DYN_ERR_EXPR_FUNC_USE, expr_func_names[n->args[1]->op]);
		return n;
	}
	return left;
}

static void
add_clause(Parser *p, int *cap, UpdateAction action, ExprPath *path, ExprNode *value)
{
	ExprParsed *r = p->res;

	if (r->nclauses == *cap)
	{
		*cap *= 2;
		r->clauses = repalloc(r->clauses, sizeof(UpdateClause) * *cap);
	}
	r->clauses[r->nclauses].action = action;
	r->clauses[r->nclauses].path = path;
	r->clauses[r->nclauses].value = value;
	r->nclauses++;
}

static void
parse_update(Parser *p)
{
	static const char *const words[] = {"SET", "REMOVE", "ADD", "DELETE"};
	bool		seen[4] = {false, false, false, false};
	int			cap = 8;

	p->res->clauses = palloc(sizeof(UpdateClause) * cap);
	while (peek(p)->kind != T_EOF)
	{
		int			a;

		for (a = 0; a < 4; a++)
			if (tok_is_word(p, peek(p), words[a]))
				break;
		if (a == 4)
			syntax_error(p);
		if (seen[a])
			dyn_error(DYN_ERR_EXPR_CLAUSE_TWICE, words[a]);
		seen[a] = true;
		p->pos++;
		for (;;)
		{
			ExprPath   *path = parse_path(p);
			ExprNode   *value = NULL;

			if (a == UPD_SET)
			{
				expect(p, T_EQ);
				value = parse_set_value(p);
			}
			else if (a == UPD_ADD || a == UPD_DELETE)
			{
				Token	   *t = peek(p);

				if (t->kind != T_VALREF)
					syntax_error(p);
				value = new_node(EXPR_VALUE, 0, 0);
				value->value = tok_text(p, t);
				add_ref(&p->res->value_refs, value->value);
				p->pos++;
			}
			add_clause(p, &cap, (UpdateAction) a, path, value);
			if (peek(p)->kind != T_COMMA)
				break;
			p->pos++;
		}
	}
}

static void
parse_projection(Parser *p)
{
	int			cap = 8;
	ExprParsed *r = p->res;

	r->paths = palloc(sizeof(ExprPath *) * cap);
	for (;;)
	{
		if (r->npaths == cap)
		{
			cap *= 2;
			r->paths = repalloc(r->paths, sizeof(ExprPath *) * cap);
		}
		r->paths[r->npaths++] = parse_path(p);
		if (peek(p)->kind != T_COMMA)
			break;
		p->pos++;
	}
}

/*
 * Parse an expression of the given type.  Allocates in the current memory
 * context; raises DynamoDB's ValidationException on any error.
 */
ExprParsed *
expr_parse(ExprType type, const char *text, int len)
{
	Parser		p;

	memset(&p, 0, sizeof(p));
	p.type = type;
	p.text = text;
	p.len = len;
	p.res = palloc0(sizeof(ExprParsed));
	p.res->type = type;

	if (len > DYN_MAX_EXPRESSION_BYTES)
	{
		if (type == EXPR_TYPE_UPDATE)
			dyn_error(DYN_ERR_EXPR_TOO_LONG_NO_SIZE, expr_type_names[type]);
		dyn_error(DYN_ERR_EXPR_TOO_LONG, expr_type_names[type], len);
	}
	lex(&p);
	if (p.toks[0].kind == T_EOF)
		dyn_error(DYN_ERR_EXPR_EMPTY, expr_type_names[type]);

	switch (type)
	{
		case EXPR_TYPE_CONDITION:
		case EXPR_TYPE_FILTER:
		case EXPR_TYPE_KEY_CONDITION:
			p.res->cond = parse_or(&p);
			break;
		case EXPR_TYPE_UPDATE:
			parse_update(&p);
			break;
		case EXPR_TYPE_PROJECTION:
			parse_projection(&p);
			break;
		default:
			elog(ERROR, "unrecognized expression type: %d", (int) type);
	}
	if (peek(&p)->kind != T_EOF)
		syntax_error(&p);
	pfree(p.toks);

	/* errors DynamoDB checks after the parse, in its order per type */
	{
		static const PendKind cond_order[] = {PEND_REDUNDANT, PEND_UNKNOWN_FN, PEND_MISUSE,
		PEND_RESERVED, PEND_NARGS};
		static const PendKind update_order[] = {PEND_RESERVED, PEND_UNKNOWN_FN, PEND_MISUSE,
		PEND_NARGS, PEND_REDUNDANT};

		for (int k = 0; k < PEND__COUNT; k++)
		{
			PendKind	kind = (type == EXPR_TYPE_UPDATE || type == EXPR_TYPE_PROJECTION) ?
				update_order[k] : cond_order[k];

			if (p.pend_msg[kind])
				dyn_error_raw(p.pend_id[kind], p.pend_msg[kind]);
		}
	}
	return p.res;
}
