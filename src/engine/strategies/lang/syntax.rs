//! Expressions as text into syntax trees, with pest and the grammar in `grammar.pest`.
//!
//! Sizes are bounded before and after parsing so that no text, however long or nested, costs
//! more than a bounded time: at most [`MAX_TEXT`] characters, [`MAX_NESTING`] levels of
//! brackets and [`MAX_NODES`] nodes.

use pest::{Parser, iterators::Pair};
use pest_derive::Parser;

use super::error::{LangError, LangResult};

/// Longest expression text, in characters.
pub const MAX_TEXT: usize = 2_000;
/// Deepest nesting of parentheses and brackets (and of the tree built from them).
pub const MAX_NESTING: usize = 24;
/// Most nodes in one expression.
pub const MAX_NODES: usize = 400;

#[derive(Parser)]
#[grammar = "engine/strategies/lang/grammar.pest"]
struct Grammar;

/// A binary operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinOp {
    Or,
    And,
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
    Ne,
    Add,
    Sub,
    Mul,
    Div,
}

impl BinOp {
    /// The operator as written.
    #[must_use]
    pub const fn symbol(self) -> &'static str {
        match self {
            Self::Or => "or",
            Self::And => "and",
            Self::Lt => "<",
            Self::Le => "<=",
            Self::Gt => ">",
            Self::Ge => ">=",
            Self::Eq => "==",
            Self::Ne => "!=",
            Self::Add => "+",
            Self::Sub => "-",
            Self::Mul => "*",
            Self::Div => "/",
        }
    }

    fn parse(text: &str) -> Self {
        match text {
            "or" => Self::Or,
            "and" => Self::And,
            "<" => Self::Lt,
            "<=" => Self::Le,
            ">" => Self::Gt,
            ">=" => Self::Ge,
            "==" => Self::Eq,
            "!=" => Self::Ne,
            "+" => Self::Add,
            "-" => Self::Sub,
            "*" => Self::Mul,
            _ => Self::Div,
        }
    }
}

/// A node of a syntax tree and where it starts in the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub kind: Kind,
    /// Character offset of the node's first character (0-based).
    pub offset: usize,
}

/// What a node is.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    Number(f64),
    /// A quoted text such as `'09:30'`.
    Text(String),
    Name(String),
    Call {
        name: String,
        args: Vec<Argument>,
    },
    /// `value.name`.
    Field(Box<Node>, String),
    /// `value[bars]`.
    History(Box<Node>, Box<Node>),
    Negate(Box<Node>),
    Not(Box<Node>),
    Binary(BinOp, Box<Node>, Box<Node>),
}

/// A call's argument, positional or `name = value`.
#[derive(Debug, Clone, PartialEq)]
pub struct Argument {
    pub name: Option<String>,
    pub value: Node,
    /// Character offset of the argument's first character (its name, if named).
    pub offset: usize,
}

impl Node {
    fn new(kind: Kind, offset: usize) -> Self {
        Self { kind, offset }
    }

    /// The nodes below this one, in order.
    #[must_use]
    pub fn children(&self) -> Vec<&Self> {
        match &self.kind {
            Kind::Number(_) | Kind::Text(_) | Kind::Name(_) => Vec::new(),
            Kind::Call { args, .. } => args.iter().map(|a| &a.value).collect(),
            Kind::Field(n, _) | Kind::Negate(n) | Kind::Not(n) => vec![n],
            Kind::History(a, b) | Kind::Binary(_, a, b) => vec![a, b],
        }
    }

    fn count_and_depth(&self) -> (usize, usize) {
        let mut nodes = 1;
        let mut depth = 0;
        for c in self.children() {
            let (n, d) = c.count_and_depth();
            nodes += n;
            depth = depth.max(d);
        }
        (nodes, depth + 1)
    }
}

/// Where an offset is in a text: `column N`, or `line L, column N` in a text of many lines.
#[must_use]
pub fn position(text: &str, offset: usize) -> String {
    let before: String = text.chars().take(offset).collect();
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    if text.contains('\n') {
        format!("line {line}, column {column}")
    } else {
        format!("column {column}")
    }
}

/// Parses an expression; `path` names it in errors.
pub fn parse(path: &str, text: &str) -> LangResult<Node> {
    let length = text.chars().count();
    if length > MAX_TEXT {
        return Err(LangError::new(
            path,
            format!("the expression is {length} characters long; the limit is {MAX_TEXT}"),
        ));
    }
    if text.trim().is_empty() {
        return Err(LangError::new(path, "the expression is empty"));
    }
    check_nesting(path, text)?;
    let mut pairs =
        Grammar::parse(Rule::expression, text).map_err(|e| syntax_error(path, text, &e))?;
    let expression = pairs.next().expect("the expression rule");
    let offsets = CharOffsets::new(text);
    let disjunction = expression
        .into_inner()
        .next()
        .expect("an expression holds a disjunction");
    let node = build(disjunction, &offsets);
    let (nodes, depth) = node.count_and_depth();
    if nodes > MAX_NODES {
        return Err(LangError::new(
            path,
            format!("the expression has {nodes} parts; the limit is {MAX_NODES}"),
        ));
    }
    if depth > 4 * MAX_NESTING {
        return Err(LangError::new(
            path,
            format!(
                "the expression nests {depth} operations deep; the limit is {}",
                4 * MAX_NESTING
            ),
        ));
    }
    Ok(node)
}

/// Brackets: nested at most [`MAX_NESTING`] deep, each closed by its kind.
fn check_nesting(path: &str, text: &str) -> LangResult<()> {
    let mut open: Vec<(char, usize)> = Vec::new();
    let mut in_text = false;
    for (i, c) in text.chars().enumerate() {
        match c {
            '\'' => in_text = !in_text,
            '(' | '[' if !in_text => {
                open.push((c, i));
                if open.len() > MAX_NESTING {
                    return Err(LangError::at(
                        path,
                        text,
                        i,
                        format!("brackets nest more than {MAX_NESTING} levels deep"),
                    ));
                }
            }
            ')' | ']' if !in_text => {
                let wanted = if c == ')' { '(' } else { '[' };
                match open.pop() {
                    Some((o, _)) if o == wanted => {}
                    _ => {
                        return Err(LangError::at(
                            path,
                            text,
                            i,
                            format!("'{c}' closes nothing"),
                        ));
                    }
                }
            }
            _ => {}
        }
    }
    if in_text {
        let at = text.rfind('\'').map_or(0, |b| text[..b].chars().count());
        return Err(LangError::at(path, text, at, "a text (') is not closed"));
    }
    if let Some((c, i)) = open.pop() {
        return Err(LangError::at(path, text, i, format!("'{c}' is not closed")));
    }
    Ok(())
}

/// Byte offsets to character offsets.
struct CharOffsets {
    starts: Vec<usize>,
}

impl CharOffsets {
    fn new(text: &str) -> Self {
        Self {
            starts: text.char_indices().map(|(b, _)| b).collect(),
        }
    }

    fn of(&self, byte: usize) -> usize {
        self.starts.partition_point(|b| *b < byte)
    }
}

fn build(pair: Pair<'_, Rule>, at: &CharOffsets) -> Node {
    let offset = at.of(pair.as_span().start());
    let rule = pair.as_rule();
    let source = pair.as_str();
    let mut inner = pair.into_inner();
    match rule {
        Rule::disjunction | Rule::conjunction | Rule::comparison | Rule::sum | Rule::product => {
            let mut left = build(inner.next().expect("a first operand"), at);
            while let Some(op) = inner.next() {
                let right = build(inner.next().expect("a right operand"), at);
                let start = left.offset;
                left = Node::new(
                    Kind::Binary(BinOp::parse(op.as_str()), Box::new(left), Box::new(right)),
                    start,
                );
            }
            left
        }
        Rule::negation | Rule::signed => {
            let parts: Vec<Pair<'_, Rule>> = inner.collect();
            let (ops, operand) = parts.split_at(parts.len() - 1);
            let mut node = build(operand[0].clone(), at);
            for op in ops.iter().rev() {
                let start = at.of(op.as_span().start());
                node = if op.as_rule() == Rule::not {
                    Node::new(Kind::Not(Box::new(node)), start)
                } else {
                    Node::new(Kind::Negate(Box::new(node)), start)
                };
            }
            node
        }
        Rule::postfix => {
            let mut node = build(inner.next().expect("a primary"), at);
            for selector in inner {
                let start = node.offset;
                node = match selector.as_rule() {
                    Rule::field => {
                        let name = selector.into_inner().next().expect("a field name");
                        Node::new(
                            Kind::Field(Box::new(node), name.as_str().to_string()),
                            start,
                        )
                    }
                    _ => {
                        let bars = build(selector.into_inner().next().expect("a lag"), at);
                        Node::new(Kind::History(Box::new(node), Box::new(bars)), start)
                    }
                };
            }
            node
        }
        Rule::primary => {
            // A parenthesized expression starts at its parenthesis.
            let mut node = build(inner.next().expect("a primary's content"), at);
            node.offset = offset;
            node
        }
        // The grammar admits only digits, a point and an exponent: this parses (to infinity
        // when too large, which the checker refuses).
        Rule::number => Node::new(
            Kind::Number(source.parse().unwrap_or(f64::INFINITY)),
            offset,
        ),
        Rule::name => Node::new(Kind::Name(source.to_string()), offset),
        Rule::text => {
            let characters = inner.next().map_or("", |c| c.as_str());
            Node::new(Kind::Text(characters.to_string()), offset)
        }
        Rule::call => {
            let name = inner.next().expect("a function name").as_str().to_string();
            let args = inner
                .map(|arg| {
                    let offset = at.of(arg.as_span().start());
                    let mut parts: Vec<Pair<'_, Rule>> = arg.into_inner().collect();
                    let value = build(parts.pop().expect("an argument value"), at);
                    let name = parts.pop().map(|p| p.as_str().to_string());
                    Argument {
                        name,
                        value,
                        offset,
                    }
                })
                .collect();
            Node::new(Kind::Call { name, args }, offset)
        }
        _ => unreachable!("rule {rule:?} is not an expression"),
    }
}

fn syntax_error(path: &str, text: &str, e: &pest::error::Error<Rule>) -> LangError {
    let byte = match e.location {
        pest::error::InputLocation::Pos(p) | pest::error::InputLocation::Span((p, _)) => p,
    };
    let offset = CharOffsets::new(text).of(byte);
    let found = text[byte.min(text.len())..]
        .chars()
        .next()
        .map_or_else(|| "end of the expression".to_string(), |c| format!("'{c}'"));
    let expected = match &e.variant {
        pest::error::ErrorVariant::ParsingError { positives, .. } => {
            let mut names: Vec<&str> = positives.iter().filter_map(|r| describe(*r)).collect();
            names.sort_unstable();
            names.dedup();
            names
        }
        pest::error::ErrorVariant::CustomError { .. } => Vec::new(),
    };
    let message = if expected.is_empty() {
        format!("unexpected {found}")
    } else {
        format!("unexpected {found}, expected {}", expected.join(" or "))
    };
    LangError::at(path, text, offset, message)
}

fn describe(rule: Rule) -> Option<&'static str> {
    Some(match rule {
        Rule::EOI => "the end",
        Rule::number
        | Rule::text
        | Rule::call
        | Rule::name
        | Rule::primary
        | Rule::postfix
        | Rule::signed
        | Rule::product
        | Rule::sum
        | Rule::comparison
        | Rule::negation
        | Rule::conjunction
        | Rule::disjunction
        | Rule::argument => "a value",
        Rule::or | Rule::and => "'and' or 'or'",
        Rule::compare => "a comparison",
        Rule::add | Rule::multiply => "an operator",
        Rule::field => "'.'",
        Rule::history => "'['",
        _ => return None,
    })
}
