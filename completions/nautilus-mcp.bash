_nautilus__mcp() {
    local i cur prev opts cmd
    COMPREPLY=()
    if [[ "${BASH_VERSINFO[0]}" -ge 4 ]]; then
        cur="$2"
    else
        cur="${COMP_WORDS[COMP_CWORD]}"
    fi
    prev="$3"
    cmd=""
    opts=""

    for i in "${COMP_WORDS[@]:0:COMP_CWORD}"
    do
        case "${cmd},${i}" in
            ",$1")
                cmd="nautilus__mcp"
                ;;
            nautilus__mcp,account)
                cmd="nautilus__mcp__subcmd__account"
                ;;
            nautilus__mcp,backtest)
                cmd="nautilus__mcp__subcmd__backtest"
                ;;
            nautilus__mcp,completions)
                cmd="nautilus__mcp__subcmd__completions"
                ;;
            nautilus__mcp,config)
                cmd="nautilus__mcp__subcmd__config"
                ;;
            nautilus__mcp,data)
                cmd="nautilus__mcp__subcmd__data"
                ;;
            nautilus__mcp,help)
                cmd="nautilus__mcp__subcmd__help"
                ;;
            nautilus__mcp,market)
                cmd="nautilus__mcp__subcmd__market"
                ;;
            nautilus__mcp,mcp)
                cmd="nautilus__mcp__subcmd__mcp"
                ;;
            nautilus__mcp,node)
                cmd="nautilus__mcp__subcmd__node"
                ;;
            nautilus__mcp,order)
                cmd="nautilus__mcp__subcmd__order"
                ;;
            nautilus__mcp,position)
                cmd="nautilus__mcp__subcmd__position"
                ;;
            nautilus__mcp,strategy)
                cmd="nautilus__mcp__subcmd__strategy"
                ;;
            nautilus__mcp,token)
                cmd="nautilus__mcp__subcmd__token"
                ;;
            nautilus__mcp,venue)
                cmd="nautilus__mcp__subcmd__venue"
                ;;
            nautilus__mcp__subcmd__account,help)
                cmd="nautilus__mcp__subcmd__account__subcmd__help"
                ;;
            nautilus__mcp__subcmd__account,info)
                cmd="nautilus__mcp__subcmd__account__subcmd__info"
                ;;
            nautilus__mcp__subcmd__account__subcmd__help,help)
                cmd="nautilus__mcp__subcmd__account__subcmd__help__subcmd__help"
                ;;
            nautilus__mcp__subcmd__account__subcmd__help,info)
                cmd="nautilus__mcp__subcmd__account__subcmd__help__subcmd__info"
                ;;
            nautilus__mcp__subcmd__backtest,add-instruments)
                cmd="nautilus__mcp__subcmd__backtest__subcmd__add__subcmd__instruments"
                ;;
            nautilus__mcp__subcmd__backtest,configure)
                cmd="nautilus__mcp__subcmd__backtest__subcmd__configure"
                ;;
            nautilus__mcp__subcmd__backtest,help)
                cmd="nautilus__mcp__subcmd__backtest__subcmd__help"
                ;;
            nautilus__mcp__subcmd__backtest,list)
                cmd="nautilus__mcp__subcmd__backtest__subcmd__list"
                ;;
            nautilus__mcp__subcmd__backtest,monte-carlo)
                cmd="nautilus__mcp__subcmd__backtest__subcmd__monte__subcmd__carlo"
                ;;
            nautilus__mcp__subcmd__backtest,results)
                cmd="nautilus__mcp__subcmd__backtest__subcmd__results"
                ;;
            nautilus__mcp__subcmd__backtest,run)
                cmd="nautilus__mcp__subcmd__backtest__subcmd__run"
                ;;
            nautilus__mcp__subcmd__backtest,set-range)
                cmd="nautilus__mcp__subcmd__backtest__subcmd__set__subcmd__range"
                ;;
            nautilus__mcp__subcmd__backtest,study)
                cmd="nautilus__mcp__subcmd__backtest__subcmd__study"
                ;;
            nautilus__mcp__subcmd__backtest,sweep)
                cmd="nautilus__mcp__subcmd__backtest__subcmd__sweep"
                ;;
            nautilus__mcp__subcmd__backtest,trades)
                cmd="nautilus__mcp__subcmd__backtest__subcmd__trades"
                ;;
            nautilus__mcp__subcmd__backtest,walk-forward)
                cmd="nautilus__mcp__subcmd__backtest__subcmd__walk__subcmd__forward"
                ;;
            nautilus__mcp__subcmd__backtest__subcmd__help,add-instruments)
                cmd="nautilus__mcp__subcmd__backtest__subcmd__help__subcmd__add__subcmd__instruments"
                ;;
            nautilus__mcp__subcmd__backtest__subcmd__help,configure)
                cmd="nautilus__mcp__subcmd__backtest__subcmd__help__subcmd__configure"
                ;;
            nautilus__mcp__subcmd__backtest__subcmd__help,help)
                cmd="nautilus__mcp__subcmd__backtest__subcmd__help__subcmd__help"
                ;;
            nautilus__mcp__subcmd__backtest__subcmd__help,list)
                cmd="nautilus__mcp__subcmd__backtest__subcmd__help__subcmd__list"
                ;;
            nautilus__mcp__subcmd__backtest__subcmd__help,monte-carlo)
                cmd="nautilus__mcp__subcmd__backtest__subcmd__help__subcmd__monte__subcmd__carlo"
                ;;
            nautilus__mcp__subcmd__backtest__subcmd__help,results)
                cmd="nautilus__mcp__subcmd__backtest__subcmd__help__subcmd__results"
                ;;
            nautilus__mcp__subcmd__backtest__subcmd__help,run)
                cmd="nautilus__mcp__subcmd__backtest__subcmd__help__subcmd__run"
                ;;
            nautilus__mcp__subcmd__backtest__subcmd__help,set-range)
                cmd="nautilus__mcp__subcmd__backtest__subcmd__help__subcmd__set__subcmd__range"
                ;;
            nautilus__mcp__subcmd__backtest__subcmd__help,study)
                cmd="nautilus__mcp__subcmd__backtest__subcmd__help__subcmd__study"
                ;;
            nautilus__mcp__subcmd__backtest__subcmd__help,sweep)
                cmd="nautilus__mcp__subcmd__backtest__subcmd__help__subcmd__sweep"
                ;;
            nautilus__mcp__subcmd__backtest__subcmd__help,trades)
                cmd="nautilus__mcp__subcmd__backtest__subcmd__help__subcmd__trades"
                ;;
            nautilus__mcp__subcmd__backtest__subcmd__help,walk-forward)
                cmd="nautilus__mcp__subcmd__backtest__subcmd__help__subcmd__walk__subcmd__forward"
                ;;
            nautilus__mcp__subcmd__config,help)
                cmd="nautilus__mcp__subcmd__config__subcmd__help"
                ;;
            nautilus__mcp__subcmd__config,show)
                cmd="nautilus__mcp__subcmd__config__subcmd__show"
                ;;
            nautilus__mcp__subcmd__config__subcmd__help,help)
                cmd="nautilus__mcp__subcmd__config__subcmd__help__subcmd__help"
                ;;
            nautilus__mcp__subcmd__config__subcmd__help,show)
                cmd="nautilus__mcp__subcmd__config__subcmd__help__subcmd__show"
                ;;
            nautilus__mcp__subcmd__data,generate)
                cmd="nautilus__mcp__subcmd__data__subcmd__generate"
                ;;
            nautilus__mcp__subcmd__data,help)
                cmd="nautilus__mcp__subcmd__data__subcmd__help"
                ;;
            nautilus__mcp__subcmd__data,import)
                cmd="nautilus__mcp__subcmd__data__subcmd__import"
                ;;
            nautilus__mcp__subcmd__data,list)
                cmd="nautilus__mcp__subcmd__data__subcmd__list"
                ;;
            nautilus__mcp__subcmd__data__subcmd__help,generate)
                cmd="nautilus__mcp__subcmd__data__subcmd__help__subcmd__generate"
                ;;
            nautilus__mcp__subcmd__data__subcmd__help,help)
                cmd="nautilus__mcp__subcmd__data__subcmd__help__subcmd__help"
                ;;
            nautilus__mcp__subcmd__data__subcmd__help,import)
                cmd="nautilus__mcp__subcmd__data__subcmd__help__subcmd__import"
                ;;
            nautilus__mcp__subcmd__data__subcmd__help,list)
                cmd="nautilus__mcp__subcmd__data__subcmd__help__subcmd__list"
                ;;
            nautilus__mcp__subcmd__help,account)
                cmd="nautilus__mcp__subcmd__help__subcmd__account"
                ;;
            nautilus__mcp__subcmd__help,backtest)
                cmd="nautilus__mcp__subcmd__help__subcmd__backtest"
                ;;
            nautilus__mcp__subcmd__help,completions)
                cmd="nautilus__mcp__subcmd__help__subcmd__completions"
                ;;
            nautilus__mcp__subcmd__help,config)
                cmd="nautilus__mcp__subcmd__help__subcmd__config"
                ;;
            nautilus__mcp__subcmd__help,data)
                cmd="nautilus__mcp__subcmd__help__subcmd__data"
                ;;
            nautilus__mcp__subcmd__help,help)
                cmd="nautilus__mcp__subcmd__help__subcmd__help"
                ;;
            nautilus__mcp__subcmd__help,market)
                cmd="nautilus__mcp__subcmd__help__subcmd__market"
                ;;
            nautilus__mcp__subcmd__help,mcp)
                cmd="nautilus__mcp__subcmd__help__subcmd__mcp"
                ;;
            nautilus__mcp__subcmd__help,node)
                cmd="nautilus__mcp__subcmd__help__subcmd__node"
                ;;
            nautilus__mcp__subcmd__help,order)
                cmd="nautilus__mcp__subcmd__help__subcmd__order"
                ;;
            nautilus__mcp__subcmd__help,position)
                cmd="nautilus__mcp__subcmd__help__subcmd__position"
                ;;
            nautilus__mcp__subcmd__help,strategy)
                cmd="nautilus__mcp__subcmd__help__subcmd__strategy"
                ;;
            nautilus__mcp__subcmd__help,token)
                cmd="nautilus__mcp__subcmd__help__subcmd__token"
                ;;
            nautilus__mcp__subcmd__help,venue)
                cmd="nautilus__mcp__subcmd__help__subcmd__venue"
                ;;
            nautilus__mcp__subcmd__help__subcmd__account,info)
                cmd="nautilus__mcp__subcmd__help__subcmd__account__subcmd__info"
                ;;
            nautilus__mcp__subcmd__help__subcmd__backtest,add-instruments)
                cmd="nautilus__mcp__subcmd__help__subcmd__backtest__subcmd__add__subcmd__instruments"
                ;;
            nautilus__mcp__subcmd__help__subcmd__backtest,configure)
                cmd="nautilus__mcp__subcmd__help__subcmd__backtest__subcmd__configure"
                ;;
            nautilus__mcp__subcmd__help__subcmd__backtest,list)
                cmd="nautilus__mcp__subcmd__help__subcmd__backtest__subcmd__list"
                ;;
            nautilus__mcp__subcmd__help__subcmd__backtest,monte-carlo)
                cmd="nautilus__mcp__subcmd__help__subcmd__backtest__subcmd__monte__subcmd__carlo"
                ;;
            nautilus__mcp__subcmd__help__subcmd__backtest,results)
                cmd="nautilus__mcp__subcmd__help__subcmd__backtest__subcmd__results"
                ;;
            nautilus__mcp__subcmd__help__subcmd__backtest,run)
                cmd="nautilus__mcp__subcmd__help__subcmd__backtest__subcmd__run"
                ;;
            nautilus__mcp__subcmd__help__subcmd__backtest,set-range)
                cmd="nautilus__mcp__subcmd__help__subcmd__backtest__subcmd__set__subcmd__range"
                ;;
            nautilus__mcp__subcmd__help__subcmd__backtest,study)
                cmd="nautilus__mcp__subcmd__help__subcmd__backtest__subcmd__study"
                ;;
            nautilus__mcp__subcmd__help__subcmd__backtest,sweep)
                cmd="nautilus__mcp__subcmd__help__subcmd__backtest__subcmd__sweep"
                ;;
            nautilus__mcp__subcmd__help__subcmd__backtest,trades)
                cmd="nautilus__mcp__subcmd__help__subcmd__backtest__subcmd__trades"
                ;;
            nautilus__mcp__subcmd__help__subcmd__backtest,walk-forward)
                cmd="nautilus__mcp__subcmd__help__subcmd__backtest__subcmd__walk__subcmd__forward"
                ;;
            nautilus__mcp__subcmd__help__subcmd__config,show)
                cmd="nautilus__mcp__subcmd__help__subcmd__config__subcmd__show"
                ;;
            nautilus__mcp__subcmd__help__subcmd__data,generate)
                cmd="nautilus__mcp__subcmd__help__subcmd__data__subcmd__generate"
                ;;
            nautilus__mcp__subcmd__help__subcmd__data,import)
                cmd="nautilus__mcp__subcmd__help__subcmd__data__subcmd__import"
                ;;
            nautilus__mcp__subcmd__help__subcmd__data,list)
                cmd="nautilus__mcp__subcmd__help__subcmd__data__subcmd__list"
                ;;
            nautilus__mcp__subcmd__help__subcmd__market,bars)
                cmd="nautilus__mcp__subcmd__help__subcmd__market__subcmd__bars"
                ;;
            nautilus__mcp__subcmd__help__subcmd__market,book)
                cmd="nautilus__mcp__subcmd__help__subcmd__market__subcmd__book"
                ;;
            nautilus__mcp__subcmd__help__subcmd__market,instruments)
                cmd="nautilus__mcp__subcmd__help__subcmd__market__subcmd__instruments"
                ;;
            nautilus__mcp__subcmd__help__subcmd__market,push)
                cmd="nautilus__mcp__subcmd__help__subcmd__market__subcmd__push"
                ;;
            nautilus__mcp__subcmd__help__subcmd__market,ticker)
                cmd="nautilus__mcp__subcmd__help__subcmd__market__subcmd__ticker"
                ;;
            nautilus__mcp__subcmd__help__subcmd__market,trades)
                cmd="nautilus__mcp__subcmd__help__subcmd__market__subcmd__trades"
                ;;
            nautilus__mcp__subcmd__help__subcmd__node,advance)
                cmd="nautilus__mcp__subcmd__help__subcmd__node__subcmd__advance"
                ;;
            nautilus__mcp__subcmd__help__subcmd__node,halt)
                cmd="nautilus__mcp__subcmd__help__subcmd__node__subcmd__halt"
                ;;
            nautilus__mcp__subcmd__help__subcmd__node,init)
                cmd="nautilus__mcp__subcmd__help__subcmd__node__subcmd__init"
                ;;
            nautilus__mcp__subcmd__help__subcmd__node,resume)
                cmd="nautilus__mcp__subcmd__help__subcmd__node__subcmd__resume"
                ;;
            nautilus__mcp__subcmd__help__subcmd__node,status)
                cmd="nautilus__mcp__subcmd__help__subcmd__node__subcmd__status"
                ;;
            nautilus__mcp__subcmd__help__subcmd__node,verify)
                cmd="nautilus__mcp__subcmd__help__subcmd__node__subcmd__verify"
                ;;
            nautilus__mcp__subcmd__help__subcmd__order,cancel)
                cmd="nautilus__mcp__subcmd__help__subcmd__order__subcmd__cancel"
                ;;
            nautilus__mcp__subcmd__help__subcmd__order,cancel-all)
                cmd="nautilus__mcp__subcmd__help__subcmd__order__subcmd__cancel__subcmd__all"
                ;;
            nautilus__mcp__subcmd__help__subcmd__order,list)
                cmd="nautilus__mcp__subcmd__help__subcmd__order__subcmd__list"
                ;;
            nautilus__mcp__subcmd__help__subcmd__order,modify)
                cmd="nautilus__mcp__subcmd__help__subcmd__order__subcmd__modify"
                ;;
            nautilus__mcp__subcmd__help__subcmd__order,preview)
                cmd="nautilus__mcp__subcmd__help__subcmd__order__subcmd__preview"
                ;;
            nautilus__mcp__subcmd__help__subcmd__order,status)
                cmd="nautilus__mcp__subcmd__help__subcmd__order__subcmd__status"
                ;;
            nautilus__mcp__subcmd__help__subcmd__order,submit-limit)
                cmd="nautilus__mcp__subcmd__help__subcmd__order__subcmd__submit__subcmd__limit"
                ;;
            nautilus__mcp__subcmd__help__subcmd__order,submit-market)
                cmd="nautilus__mcp__subcmd__help__subcmd__order__subcmd__submit__subcmd__market"
                ;;
            nautilus__mcp__subcmd__help__subcmd__order,submit-stop)
                cmd="nautilus__mcp__subcmd__help__subcmd__order__subcmd__submit__subcmd__stop"
                ;;
            nautilus__mcp__subcmd__help__subcmd__position,list)
                cmd="nautilus__mcp__subcmd__help__subcmd__position__subcmd__list"
                ;;
            nautilus__mcp__subcmd__help__subcmd__position,risk)
                cmd="nautilus__mcp__subcmd__help__subcmd__position__subcmd__risk"
                ;;
            nautilus__mcp__subcmd__help__subcmd__strategy,configure)
                cmd="nautilus__mcp__subcmd__help__subcmd__strategy__subcmd__configure"
                ;;
            nautilus__mcp__subcmd__help__subcmd__strategy,define)
                cmd="nautilus__mcp__subcmd__help__subcmd__strategy__subcmd__define"
                ;;
            nautilus__mcp__subcmd__help__subcmd__strategy,delete)
                cmd="nautilus__mcp__subcmd__help__subcmd__strategy__subcmd__delete"
                ;;
            nautilus__mcp__subcmd__help__subcmd__strategy,list)
                cmd="nautilus__mcp__subcmd__help__subcmd__strategy__subcmd__list"
                ;;
            nautilus__mcp__subcmd__help__subcmd__strategy,show)
                cmd="nautilus__mcp__subcmd__help__subcmd__strategy__subcmd__show"
                ;;
            nautilus__mcp__subcmd__help__subcmd__strategy,step)
                cmd="nautilus__mcp__subcmd__help__subcmd__strategy__subcmd__step"
                ;;
            nautilus__mcp__subcmd__help__subcmd__strategy,stop)
                cmd="nautilus__mcp__subcmd__help__subcmd__strategy__subcmd__stop"
                ;;
            nautilus__mcp__subcmd__help__subcmd__strategy,validate)
                cmd="nautilus__mcp__subcmd__help__subcmd__strategy__subcmd__validate"
                ;;
            nautilus__mcp__subcmd__help__subcmd__token,create)
                cmd="nautilus__mcp__subcmd__help__subcmd__token__subcmd__create"
                ;;
            nautilus__mcp__subcmd__help__subcmd__token,list)
                cmd="nautilus__mcp__subcmd__help__subcmd__token__subcmd__list"
                ;;
            nautilus__mcp__subcmd__help__subcmd__token,revoke)
                cmd="nautilus__mcp__subcmd__help__subcmd__token__subcmd__revoke"
                ;;
            nautilus__mcp__subcmd__help__subcmd__venue,connect)
                cmd="nautilus__mcp__subcmd__help__subcmd__venue__subcmd__connect"
                ;;
            nautilus__mcp__subcmd__market,bars)
                cmd="nautilus__mcp__subcmd__market__subcmd__bars"
                ;;
            nautilus__mcp__subcmd__market,book)
                cmd="nautilus__mcp__subcmd__market__subcmd__book"
                ;;
            nautilus__mcp__subcmd__market,help)
                cmd="nautilus__mcp__subcmd__market__subcmd__help"
                ;;
            nautilus__mcp__subcmd__market,instruments)
                cmd="nautilus__mcp__subcmd__market__subcmd__instruments"
                ;;
            nautilus__mcp__subcmd__market,push)
                cmd="nautilus__mcp__subcmd__market__subcmd__push"
                ;;
            nautilus__mcp__subcmd__market,ticker)
                cmd="nautilus__mcp__subcmd__market__subcmd__ticker"
                ;;
            nautilus__mcp__subcmd__market,trades)
                cmd="nautilus__mcp__subcmd__market__subcmd__trades"
                ;;
            nautilus__mcp__subcmd__market__subcmd__help,bars)
                cmd="nautilus__mcp__subcmd__market__subcmd__help__subcmd__bars"
                ;;
            nautilus__mcp__subcmd__market__subcmd__help,book)
                cmd="nautilus__mcp__subcmd__market__subcmd__help__subcmd__book"
                ;;
            nautilus__mcp__subcmd__market__subcmd__help,help)
                cmd="nautilus__mcp__subcmd__market__subcmd__help__subcmd__help"
                ;;
            nautilus__mcp__subcmd__market__subcmd__help,instruments)
                cmd="nautilus__mcp__subcmd__market__subcmd__help__subcmd__instruments"
                ;;
            nautilus__mcp__subcmd__market__subcmd__help,push)
                cmd="nautilus__mcp__subcmd__market__subcmd__help__subcmd__push"
                ;;
            nautilus__mcp__subcmd__market__subcmd__help,ticker)
                cmd="nautilus__mcp__subcmd__market__subcmd__help__subcmd__ticker"
                ;;
            nautilus__mcp__subcmd__market__subcmd__help,trades)
                cmd="nautilus__mcp__subcmd__market__subcmd__help__subcmd__trades"
                ;;
            nautilus__mcp__subcmd__node,advance)
                cmd="nautilus__mcp__subcmd__node__subcmd__advance"
                ;;
            nautilus__mcp__subcmd__node,halt)
                cmd="nautilus__mcp__subcmd__node__subcmd__halt"
                ;;
            nautilus__mcp__subcmd__node,help)
                cmd="nautilus__mcp__subcmd__node__subcmd__help"
                ;;
            nautilus__mcp__subcmd__node,init)
                cmd="nautilus__mcp__subcmd__node__subcmd__init"
                ;;
            nautilus__mcp__subcmd__node,resume)
                cmd="nautilus__mcp__subcmd__node__subcmd__resume"
                ;;
            nautilus__mcp__subcmd__node,status)
                cmd="nautilus__mcp__subcmd__node__subcmd__status"
                ;;
            nautilus__mcp__subcmd__node,verify)
                cmd="nautilus__mcp__subcmd__node__subcmd__verify"
                ;;
            nautilus__mcp__subcmd__node__subcmd__help,advance)
                cmd="nautilus__mcp__subcmd__node__subcmd__help__subcmd__advance"
                ;;
            nautilus__mcp__subcmd__node__subcmd__help,halt)
                cmd="nautilus__mcp__subcmd__node__subcmd__help__subcmd__halt"
                ;;
            nautilus__mcp__subcmd__node__subcmd__help,help)
                cmd="nautilus__mcp__subcmd__node__subcmd__help__subcmd__help"
                ;;
            nautilus__mcp__subcmd__node__subcmd__help,init)
                cmd="nautilus__mcp__subcmd__node__subcmd__help__subcmd__init"
                ;;
            nautilus__mcp__subcmd__node__subcmd__help,resume)
                cmd="nautilus__mcp__subcmd__node__subcmd__help__subcmd__resume"
                ;;
            nautilus__mcp__subcmd__node__subcmd__help,status)
                cmd="nautilus__mcp__subcmd__node__subcmd__help__subcmd__status"
                ;;
            nautilus__mcp__subcmd__node__subcmd__help,verify)
                cmd="nautilus__mcp__subcmd__node__subcmd__help__subcmd__verify"
                ;;
            nautilus__mcp__subcmd__order,cancel)
                cmd="nautilus__mcp__subcmd__order__subcmd__cancel"
                ;;
            nautilus__mcp__subcmd__order,cancel-all)
                cmd="nautilus__mcp__subcmd__order__subcmd__cancel__subcmd__all"
                ;;
            nautilus__mcp__subcmd__order,help)
                cmd="nautilus__mcp__subcmd__order__subcmd__help"
                ;;
            nautilus__mcp__subcmd__order,list)
                cmd="nautilus__mcp__subcmd__order__subcmd__list"
                ;;
            nautilus__mcp__subcmd__order,modify)
                cmd="nautilus__mcp__subcmd__order__subcmd__modify"
                ;;
            nautilus__mcp__subcmd__order,preview)
                cmd="nautilus__mcp__subcmd__order__subcmd__preview"
                ;;
            nautilus__mcp__subcmd__order,status)
                cmd="nautilus__mcp__subcmd__order__subcmd__status"
                ;;
            nautilus__mcp__subcmd__order,submit-limit)
                cmd="nautilus__mcp__subcmd__order__subcmd__submit__subcmd__limit"
                ;;
            nautilus__mcp__subcmd__order,submit-market)
                cmd="nautilus__mcp__subcmd__order__subcmd__submit__subcmd__market"
                ;;
            nautilus__mcp__subcmd__order,submit-stop)
                cmd="nautilus__mcp__subcmd__order__subcmd__submit__subcmd__stop"
                ;;
            nautilus__mcp__subcmd__order__subcmd__help,cancel)
                cmd="nautilus__mcp__subcmd__order__subcmd__help__subcmd__cancel"
                ;;
            nautilus__mcp__subcmd__order__subcmd__help,cancel-all)
                cmd="nautilus__mcp__subcmd__order__subcmd__help__subcmd__cancel__subcmd__all"
                ;;
            nautilus__mcp__subcmd__order__subcmd__help,help)
                cmd="nautilus__mcp__subcmd__order__subcmd__help__subcmd__help"
                ;;
            nautilus__mcp__subcmd__order__subcmd__help,list)
                cmd="nautilus__mcp__subcmd__order__subcmd__help__subcmd__list"
                ;;
            nautilus__mcp__subcmd__order__subcmd__help,modify)
                cmd="nautilus__mcp__subcmd__order__subcmd__help__subcmd__modify"
                ;;
            nautilus__mcp__subcmd__order__subcmd__help,preview)
                cmd="nautilus__mcp__subcmd__order__subcmd__help__subcmd__preview"
                ;;
            nautilus__mcp__subcmd__order__subcmd__help,status)
                cmd="nautilus__mcp__subcmd__order__subcmd__help__subcmd__status"
                ;;
            nautilus__mcp__subcmd__order__subcmd__help,submit-limit)
                cmd="nautilus__mcp__subcmd__order__subcmd__help__subcmd__submit__subcmd__limit"
                ;;
            nautilus__mcp__subcmd__order__subcmd__help,submit-market)
                cmd="nautilus__mcp__subcmd__order__subcmd__help__subcmd__submit__subcmd__market"
                ;;
            nautilus__mcp__subcmd__order__subcmd__help,submit-stop)
                cmd="nautilus__mcp__subcmd__order__subcmd__help__subcmd__submit__subcmd__stop"
                ;;
            nautilus__mcp__subcmd__position,help)
                cmd="nautilus__mcp__subcmd__position__subcmd__help"
                ;;
            nautilus__mcp__subcmd__position,list)
                cmd="nautilus__mcp__subcmd__position__subcmd__list"
                ;;
            nautilus__mcp__subcmd__position,risk)
                cmd="nautilus__mcp__subcmd__position__subcmd__risk"
                ;;
            nautilus__mcp__subcmd__position__subcmd__help,help)
                cmd="nautilus__mcp__subcmd__position__subcmd__help__subcmd__help"
                ;;
            nautilus__mcp__subcmd__position__subcmd__help,list)
                cmd="nautilus__mcp__subcmd__position__subcmd__help__subcmd__list"
                ;;
            nautilus__mcp__subcmd__position__subcmd__help,risk)
                cmd="nautilus__mcp__subcmd__position__subcmd__help__subcmd__risk"
                ;;
            nautilus__mcp__subcmd__strategy,configure)
                cmd="nautilus__mcp__subcmd__strategy__subcmd__configure"
                ;;
            nautilus__mcp__subcmd__strategy,define)
                cmd="nautilus__mcp__subcmd__strategy__subcmd__define"
                ;;
            nautilus__mcp__subcmd__strategy,delete)
                cmd="nautilus__mcp__subcmd__strategy__subcmd__delete"
                ;;
            nautilus__mcp__subcmd__strategy,help)
                cmd="nautilus__mcp__subcmd__strategy__subcmd__help"
                ;;
            nautilus__mcp__subcmd__strategy,list)
                cmd="nautilus__mcp__subcmd__strategy__subcmd__list"
                ;;
            nautilus__mcp__subcmd__strategy,show)
                cmd="nautilus__mcp__subcmd__strategy__subcmd__show"
                ;;
            nautilus__mcp__subcmd__strategy,step)
                cmd="nautilus__mcp__subcmd__strategy__subcmd__step"
                ;;
            nautilus__mcp__subcmd__strategy,stop)
                cmd="nautilus__mcp__subcmd__strategy__subcmd__stop"
                ;;
            nautilus__mcp__subcmd__strategy,validate)
                cmd="nautilus__mcp__subcmd__strategy__subcmd__validate"
                ;;
            nautilus__mcp__subcmd__strategy__subcmd__help,configure)
                cmd="nautilus__mcp__subcmd__strategy__subcmd__help__subcmd__configure"
                ;;
            nautilus__mcp__subcmd__strategy__subcmd__help,define)
                cmd="nautilus__mcp__subcmd__strategy__subcmd__help__subcmd__define"
                ;;
            nautilus__mcp__subcmd__strategy__subcmd__help,delete)
                cmd="nautilus__mcp__subcmd__strategy__subcmd__help__subcmd__delete"
                ;;
            nautilus__mcp__subcmd__strategy__subcmd__help,help)
                cmd="nautilus__mcp__subcmd__strategy__subcmd__help__subcmd__help"
                ;;
            nautilus__mcp__subcmd__strategy__subcmd__help,list)
                cmd="nautilus__mcp__subcmd__strategy__subcmd__help__subcmd__list"
                ;;
            nautilus__mcp__subcmd__strategy__subcmd__help,show)
                cmd="nautilus__mcp__subcmd__strategy__subcmd__help__subcmd__show"
                ;;
            nautilus__mcp__subcmd__strategy__subcmd__help,step)
                cmd="nautilus__mcp__subcmd__strategy__subcmd__help__subcmd__step"
                ;;
            nautilus__mcp__subcmd__strategy__subcmd__help,stop)
                cmd="nautilus__mcp__subcmd__strategy__subcmd__help__subcmd__stop"
                ;;
            nautilus__mcp__subcmd__strategy__subcmd__help,validate)
                cmd="nautilus__mcp__subcmd__strategy__subcmd__help__subcmd__validate"
                ;;
            nautilus__mcp__subcmd__token,create)
                cmd="nautilus__mcp__subcmd__token__subcmd__create"
                ;;
            nautilus__mcp__subcmd__token,help)
                cmd="nautilus__mcp__subcmd__token__subcmd__help"
                ;;
            nautilus__mcp__subcmd__token,list)
                cmd="nautilus__mcp__subcmd__token__subcmd__list"
                ;;
            nautilus__mcp__subcmd__token,revoke)
                cmd="nautilus__mcp__subcmd__token__subcmd__revoke"
                ;;
            nautilus__mcp__subcmd__token__subcmd__help,create)
                cmd="nautilus__mcp__subcmd__token__subcmd__help__subcmd__create"
                ;;
            nautilus__mcp__subcmd__token__subcmd__help,help)
                cmd="nautilus__mcp__subcmd__token__subcmd__help__subcmd__help"
                ;;
            nautilus__mcp__subcmd__token__subcmd__help,list)
                cmd="nautilus__mcp__subcmd__token__subcmd__help__subcmd__list"
                ;;
            nautilus__mcp__subcmd__token__subcmd__help,revoke)
                cmd="nautilus__mcp__subcmd__token__subcmd__help__subcmd__revoke"
                ;;
            nautilus__mcp__subcmd__venue,connect)
                cmd="nautilus__mcp__subcmd__venue__subcmd__connect"
                ;;
            nautilus__mcp__subcmd__venue,help)
                cmd="nautilus__mcp__subcmd__venue__subcmd__help"
                ;;
            nautilus__mcp__subcmd__venue__subcmd__help,connect)
                cmd="nautilus__mcp__subcmd__venue__subcmd__help__subcmd__connect"
                ;;
            nautilus__mcp__subcmd__venue__subcmd__help,help)
                cmd="nautilus__mcp__subcmd__venue__subcmd__help__subcmd__help"
                ;;
            *)
                ;;
        esac
    done

    case "${cmd}" in
        nautilus__mcp)
            opts="-o -h -V --json --output --wide --columns --color --config --state-dir --log-level --read-only --toolsets --yes --help --version node venue strategy order account position market backtest data mcp token completions config help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 1 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --output)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                --columns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --state-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --toolsets)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__account)
            opts="-o -h -V --json --output --wide --columns --color --config --state-dir --log-level --read-only --toolsets --yes --help --version info help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --output)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                --columns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --state-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --toolsets)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__account__subcmd__help)
            opts="info help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__account__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__account__subcmd__help__subcmd__info)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__account__subcmd__info)
            opts="-o -h -V --venue --watch --json --output --wide --columns --color --config --state-dir --log-level --read-only --toolsets --yes --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --venue)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --watch)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                --columns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --state-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --toolsets)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__backtest)
            opts="-o -h -V --json --output --wide --columns --color --config --state-dir --log-level --read-only --toolsets --yes --help --version configure add-instruments set-range run results trades list sweep walk-forward monte-carlo study help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --output)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                --columns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --state-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --toolsets)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__backtest__subcmd__add__subcmd__instruments)
            opts="-o -h -V --name --json --output --wide --columns --color --config --state-dir --log-level --read-only --toolsets --yes --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                --columns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --state-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --toolsets)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__backtest__subcmd__configure)
            opts="-o -h -V --name --instruments --instrument --start-date --start --end-date --end --capital --data-source --data --bar-spec --oms-type --account-type --base-currency --leverage --fee-model --commission --fill-model --prob-fill-on-limit --prob-slippage --fill-seed --json --output --wide --columns --color --config --state-dir --log-level --read-only --toolsets --yes --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --instrument)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --instruments)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --start)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --start-date)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --end)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --end-date)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --capital)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --data-source)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --data)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --bar-spec)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --oms-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --account-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --base-currency)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --leverage)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --fee-model)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --commission)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --fill-model)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --prob-fill-on-limit)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --prob-slippage)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --fill-seed)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                --columns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --state-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --toolsets)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__backtest__subcmd__help)
            opts="configure add-instruments set-range run results trades list sweep walk-forward monte-carlo study help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__backtest__subcmd__help__subcmd__add__subcmd__instruments)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__backtest__subcmd__help__subcmd__configure)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__backtest__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__backtest__subcmd__help__subcmd__list)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__backtest__subcmd__help__subcmd__monte__subcmd__carlo)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__backtest__subcmd__help__subcmd__results)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__backtest__subcmd__help__subcmd__run)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__backtest__subcmd__help__subcmd__set__subcmd__range)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__backtest__subcmd__help__subcmd__study)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__backtest__subcmd__help__subcmd__sweep)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__backtest__subcmd__help__subcmd__trades)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__backtest__subcmd__help__subcmd__walk__subcmd__forward)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__backtest__subcmd__list)
            opts="-o -h -V --limit --strategy-id --strategy --cursor --json --output --wide --columns --color --config --state-dir --log-level --read-only --toolsets --yes --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --limit)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --strategy)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --strategy-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --cursor)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                --columns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --state-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --toolsets)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__backtest__subcmd__monte__subcmd__carlo)
            opts="-o -h -V --resamples --seed --method --block-bars --drawdown-threshold --bins --samples --plot --json --output --wide --columns --color --config --state-dir --log-level --read-only --toolsets --yes --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --resamples)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --seed)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --method)
                    COMPREPLY=($(compgen -W "reshuffle bootstrap block" -- "${cur}"))
                    return 0
                    ;;
                --block-bars)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --drawdown-threshold)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --bins)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --plot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                --columns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --state-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --toolsets)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__backtest__subcmd__results)
            opts="-o -h -V --resolution --no-equity --detail --json --output --wide --columns --color --config --state-dir --log-level --read-only --toolsets --yes --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --resolution)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --detail)
                    COMPREPLY=($(compgen -W "summary full" -- "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                --columns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --state-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --toolsets)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__backtest__subcmd__run)
            opts="-o -h -V --strategy-id --strategy --param --name --engine --instruments --instrument --start-date --start --end-date --end --capital --data-source --data --bar-spec --oms-type --account-type --base-currency --leverage --fee-model --commission --fill-model --prob-fill-on-limit --prob-slippage --fill-seed --plot --json --output --wide --columns --color --config --state-dir --log-level --read-only --toolsets --yes --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --strategy)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --strategy-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --param)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --engine)
                    COMPREPLY=($(compgen -W "auto fast nautilus" -- "${cur}"))
                    return 0
                    ;;
                --instrument)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --instruments)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --start)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --start-date)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --end)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --end-date)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --capital)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --data-source)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --data)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --bar-spec)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --oms-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --account-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --base-currency)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --leverage)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --fee-model)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --commission)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --fill-model)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --prob-fill-on-limit)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --prob-slippage)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --fill-seed)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --plot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                --columns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --state-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --toolsets)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__backtest__subcmd__set__subcmd__range)
            opts="-o -h -V --start-date --start --end-date --end --name --json --output --wide --columns --color --config --state-dir --log-level --read-only --toolsets --yes --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --start)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --start-date)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --end)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --end-date)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                --columns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --state-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --toolsets)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__backtest__subcmd__study)
            opts="-o -h -V --json --output --wide --columns --color --config --state-dir --log-level --read-only --toolsets --yes --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --output)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                --columns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --state-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --toolsets)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__backtest__subcmd__sweep)
            opts="-o -h -V --strategy-id --strategy --grid --param --where --engine --threads --name --instruments --instrument --start-date --start --end-date --end --capital --data-source --data --bar-spec --oms-type --account-type --base-currency --leverage --fee-model --commission --fill-model --prob-fill-on-limit --prob-slippage --fill-seed --rank-by --confirm --keep --plot --json --output --wide --columns --color --config --state-dir --log-level --read-only --toolsets --yes --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --strategy)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --strategy-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --grid)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --param)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --where)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --engine)
                    COMPREPLY=($(compgen -W "auto fast nautilus" -- "${cur}"))
                    return 0
                    ;;
                --threads)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --instrument)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --instruments)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --start)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --start-date)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --end)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --end-date)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --capital)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --data-source)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --data)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --bar-spec)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --oms-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --account-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --base-currency)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --leverage)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --fee-model)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --commission)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --fill-model)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --prob-fill-on-limit)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --prob-slippage)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --fill-seed)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --rank-by)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --confirm)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --keep)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --plot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                --columns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --state-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --toolsets)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__backtest__subcmd__trades)
            opts="-o -h -V --side --instrument-id --instrument --outcome --min-pnl --max-pnl --start --end --limit --csv --detail --json --output --wide --columns --color --config --state-dir --log-level --read-only --toolsets --yes --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --side)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --instrument)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --instrument-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --outcome)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --min-pnl)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-pnl)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --start)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --end)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --limit)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --csv)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --detail)
                    COMPREPLY=($(compgen -W "summary full" -- "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                --columns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --state-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --toolsets)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__backtest__subcmd__walk__subcmd__forward)
            opts="-o -h -V --strategy-id --strategy --grid --param --where --engine --threads --name --instruments --instrument --start-date --start --end-date --end --capital --data-source --data --bar-spec --oms-type --account-type --base-currency --leverage --fee-model --commission --fill-model --prob-fill-on-limit --prob-slippage --fill-seed --in-sample --out-of-sample --step --anchored --purge --rank-by --plot --json --output --wide --columns --color --config --state-dir --log-level --read-only --toolsets --yes --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --strategy)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --strategy-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --grid)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --param)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --where)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --engine)
                    COMPREPLY=($(compgen -W "auto fast nautilus" -- "${cur}"))
                    return 0
                    ;;
                --threads)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --instrument)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --instruments)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --start)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --start-date)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --end)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --end-date)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --capital)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --data-source)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --data)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --bar-spec)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --oms-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --account-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --base-currency)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --leverage)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --fee-model)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --commission)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --fill-model)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --prob-fill-on-limit)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --prob-slippage)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --fill-seed)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --in-sample)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --out-of-sample)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --step)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --purge)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --rank-by)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --plot)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                --columns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --state-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --toolsets)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__completions)
            opts="-o -h -V --json --output --wide --columns --color --config --state-dir --log-level --read-only --toolsets --yes --help --version bash zsh fish"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --output)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                --columns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --state-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --toolsets)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__config)
            opts="-o -h -V --json --output --wide --columns --color --config --state-dir --log-level --read-only --toolsets --yes --help --version show help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --output)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                --columns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --state-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --toolsets)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__config__subcmd__help)
            opts="show help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__config__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__config__subcmd__help__subcmd__show)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__config__subcmd__show)
            opts="-o -h -V --json --output --wide --columns --color --config --state-dir --log-level --read-only --toolsets --yes --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --output)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                --columns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --state-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --toolsets)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__data)
            opts="-o -h -V --json --output --wide --columns --color --config --state-dir --log-level --read-only --toolsets --yes --help --version import list generate help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --output)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                --columns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --state-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --toolsets)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__data__subcmd__generate)
            opts="-o -h -V --instrument-id --instrument --bar-spec --start --bars --seed --start-price --volatility --drift --csv --no-store --replace --json --output --wide --columns --color --config --state-dir --log-level --read-only --toolsets --yes --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --instrument)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --instrument-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --bar-spec)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --start)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --bars)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --seed)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --start-price)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --volatility)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --drift)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --csv)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                --columns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --state-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --toolsets)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__data__subcmd__help)
            opts="import list generate help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__data__subcmd__help__subcmd__generate)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__data__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__data__subcmd__help__subcmd__import)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__data__subcmd__help__subcmd__list)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__data__subcmd__import)
            opts="-o -h -V --instrument-id --instrument --kind --bar-spec --price-type --ask-path --format --column --timestamp-at --on-error --replace --json --output --wide --columns --color --config --state-dir --log-level --read-only --toolsets --yes --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --instrument)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --instrument-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kind)
                    COMPREPLY=($(compgen -W "auto bars quotes trades instruments" -- "${cur}"))
                    return 0
                    ;;
                --bar-spec)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --price-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ask-path)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --format)
                    COMPREPLY=($(compgen -W "auto generic binance-kline binance-trades" -- "${cur}"))
                    return 0
                    ;;
                --column)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --timestamp-at)
                    COMPREPLY=($(compgen -W "open close" -- "${cur}"))
                    return 0
                    ;;
                --on-error)
                    COMPREPLY=($(compgen -W "abort skip" -- "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                --columns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --state-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --toolsets)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__data__subcmd__list)
            opts="-o -h -V --instrument-id --instrument --kind --json --output --wide --columns --color --config --state-dir --log-level --read-only --toolsets --yes --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --instrument)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --instrument-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --kind)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                --columns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --state-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --toolsets)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__help)
            opts="node venue strategy order account position market backtest data mcp token completions config help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__help__subcmd__account)
            opts="info"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__help__subcmd__account__subcmd__info)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__help__subcmd__backtest)
            opts="configure add-instruments set-range run results trades list sweep walk-forward monte-carlo study"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__help__subcmd__backtest__subcmd__add__subcmd__instruments)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__help__subcmd__backtest__subcmd__configure)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__help__subcmd__backtest__subcmd__list)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__help__subcmd__backtest__subcmd__monte__subcmd__carlo)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__help__subcmd__backtest__subcmd__results)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__help__subcmd__backtest__subcmd__run)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__help__subcmd__backtest__subcmd__set__subcmd__range)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__help__subcmd__backtest__subcmd__study)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__help__subcmd__backtest__subcmd__sweep)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__help__subcmd__backtest__subcmd__trades)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__help__subcmd__backtest__subcmd__walk__subcmd__forward)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__help__subcmd__completions)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__help__subcmd__config)
            opts="show"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__help__subcmd__config__subcmd__show)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__help__subcmd__data)
            opts="import list generate"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__help__subcmd__data__subcmd__generate)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__help__subcmd__data__subcmd__import)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__help__subcmd__data__subcmd__list)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__help__subcmd__market)
            opts="instruments book ticker trades bars push"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__help__subcmd__market__subcmd__bars)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__help__subcmd__market__subcmd__book)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__help__subcmd__market__subcmd__instruments)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__help__subcmd__market__subcmd__push)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__help__subcmd__market__subcmd__ticker)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__help__subcmd__market__subcmd__trades)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__help__subcmd__mcp)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__help__subcmd__node)
            opts="init status advance verify halt resume"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__help__subcmd__node__subcmd__advance)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__help__subcmd__node__subcmd__halt)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__help__subcmd__node__subcmd__init)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__help__subcmd__node__subcmd__resume)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__help__subcmd__node__subcmd__status)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__help__subcmd__node__subcmd__verify)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__help__subcmd__order)
            opts="submit-market submit-limit submit-stop preview cancel modify cancel-all status list"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__help__subcmd__order__subcmd__cancel)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__help__subcmd__order__subcmd__cancel__subcmd__all)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__help__subcmd__order__subcmd__list)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__help__subcmd__order__subcmd__modify)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__help__subcmd__order__subcmd__preview)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__help__subcmd__order__subcmd__status)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__help__subcmd__order__subcmd__submit__subcmd__limit)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__help__subcmd__order__subcmd__submit__subcmd__market)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__help__subcmd__order__subcmd__submit__subcmd__stop)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__help__subcmd__position)
            opts="list risk"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__help__subcmd__position__subcmd__list)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__help__subcmd__position__subcmd__risk)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__help__subcmd__strategy)
            opts="define show validate delete configure step stop list"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__help__subcmd__strategy__subcmd__configure)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__help__subcmd__strategy__subcmd__define)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__help__subcmd__strategy__subcmd__delete)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__help__subcmd__strategy__subcmd__list)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__help__subcmd__strategy__subcmd__show)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__help__subcmd__strategy__subcmd__step)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__help__subcmd__strategy__subcmd__stop)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__help__subcmd__strategy__subcmd__validate)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__help__subcmd__token)
            opts="create list revoke"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__help__subcmd__token__subcmd__create)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__help__subcmd__token__subcmd__list)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__help__subcmd__token__subcmd__revoke)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__help__subcmd__venue)
            opts="connect"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__help__subcmd__venue__subcmd__connect)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__market)
            opts="-o -h -V --json --output --wide --columns --color --config --state-dir --log-level --read-only --toolsets --yes --help --version instruments book ticker trades bars push help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --output)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                --columns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --state-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --toolsets)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__market__subcmd__bars)
            opts="-o -h -V --instrument-id --instrument --bar-spec --start --end --limit --csv --source --chart --json --output --wide --columns --color --config --state-dir --log-level --read-only --toolsets --yes --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --instrument)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --instrument-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --bar-spec)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --start)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --end)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --limit)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --csv)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --source)
                    COMPREPLY=($(compgen -W "catalog live" -- "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                --columns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --state-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --toolsets)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__market__subcmd__book)
            opts="-o -h -V --instrument-id --instrument --depth --watch --json --output --wide --columns --color --config --state-dir --log-level --read-only --toolsets --yes --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --instrument)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --instrument-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --depth)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --watch)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                --columns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --state-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --toolsets)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__market__subcmd__help)
            opts="instruments book ticker trades bars push help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__market__subcmd__help__subcmd__bars)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__market__subcmd__help__subcmd__book)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__market__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__market__subcmd__help__subcmd__instruments)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__market__subcmd__help__subcmd__push)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__market__subcmd__help__subcmd__ticker)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__market__subcmd__help__subcmd__trades)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__market__subcmd__instruments)
            opts="-o -h -V --venue --symbol --symbol-filter --asset-class --json --output --wide --columns --color --config --state-dir --log-level --read-only --toolsets --yes --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --venue)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --symbol-filter)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --symbol)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --asset-class)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                --columns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --state-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --toolsets)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__market__subcmd__push)
            opts="-o -h -V --instrument-id --instrument --bid --ask --bid-size --ask-size --last --size --aggressor --bids --asks --depth-file --ts --json --output --wide --columns --color --config --state-dir --log-level --read-only --toolsets --yes --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --instrument)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --instrument-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --bid)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ask)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --bid-size)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ask-size)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --last)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --size)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --aggressor)
                    COMPREPLY=($(compgen -W "BUY SELL" -- "${cur}"))
                    return 0
                    ;;
                --bids)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --asks)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --depth-file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --ts)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                --columns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --state-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --toolsets)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__market__subcmd__ticker)
            opts="-o -h -V --instrument-id --instrument --window --watch --json --output --wide --columns --color --config --state-dir --log-level --read-only --toolsets --yes --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --instrument)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --instrument-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --window)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --watch)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                --columns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --state-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --toolsets)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__market__subcmd__trades)
            opts="-o -h -V --instrument-id --instrument --limit --start --end --source --watch --json --output --wide --columns --color --config --state-dir --log-level --read-only --toolsets --yes --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --instrument)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --instrument-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --limit)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --start)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --end)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --source)
                    COMPREPLY=($(compgen -W "paper catalog live" -- "${cur}"))
                    return 0
                    ;;
                --watch)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                --columns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --state-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --toolsets)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__mcp)
            opts="-o -h -V --http --describe --dynamic-toolsets --json --output --wide --columns --color --config --state-dir --log-level --read-only --toolsets --yes --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --http)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --describe)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --dynamic-toolsets)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                --columns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --state-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --toolsets)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__node)
            opts="-o -h -V --json --output --wide --columns --color --config --state-dir --log-level --read-only --toolsets --yes --help --version init status advance verify halt resume help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --output)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                --columns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --state-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --toolsets)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__node__subcmd__advance)
            opts="-o -h -V --until --bars --to-end --json --output --wide --columns --color --config --state-dir --log-level --read-only --toolsets --yes --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --until)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --bars)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                --columns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --state-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --toolsets)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__node__subcmd__halt)
            opts="-o -h -V --reduce-only --reason --json --output --wide --columns --color --config --state-dir --log-level --read-only --toolsets --yes --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --reason)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                --columns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --state-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --toolsets)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__node__subcmd__help)
            opts="init status advance verify halt resume help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__node__subcmd__help__subcmd__advance)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__node__subcmd__help__subcmd__halt)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__node__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__node__subcmd__help__subcmd__init)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__node__subcmd__help__subcmd__resume)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__node__subcmd__help__subcmd__status)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__node__subcmd__help__subcmd__verify)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__node__subcmd__init)
            opts="-o -h -V --venue --node-log-level --max-order-size --max-notional-per-order --max-open-orders --max-order-submit-rate --allowed-instrument --daily-loss-limit --trader-id --force --json --output --wide --columns --color --config --state-dir --log-level --read-only --toolsets --yes --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --venue)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --node-log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-order-size)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-notional-per-order)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-open-orders)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-order-submit-rate)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --allowed-instrument)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --daily-loss-limit)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --trader-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                --columns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --state-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --toolsets)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__node__subcmd__resume)
            opts="-o -h -V --reason --json --output --wide --columns --color --config --state-dir --log-level --read-only --toolsets --yes --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --reason)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                --columns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --state-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --toolsets)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__node__subcmd__status)
            opts="-o -h -V --detail --watch --json --output --wide --columns --color --config --state-dir --log-level --read-only --toolsets --yes --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --detail)
                    COMPREPLY=($(compgen -W "summary full" -- "${cur}"))
                    return 0
                    ;;
                --watch)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                --columns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --state-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --toolsets)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__node__subcmd__verify)
            opts="-o -h -V --json --output --wide --columns --color --config --state-dir --log-level --read-only --toolsets --yes --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --output)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                --columns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --state-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --toolsets)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__order)
            opts="-o -h -V --json --output --wide --columns --color --config --state-dir --log-level --read-only --toolsets --yes --help --version submit-market submit-limit submit-stop preview cancel modify cancel-all status list help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --output)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                --columns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --state-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --toolsets)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__order__subcmd__cancel)
            opts="-o -h -V --venue --json --output --wide --columns --color --config --state-dir --log-level --read-only --toolsets --yes --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --venue)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                --columns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --state-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --toolsets)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__order__subcmd__cancel__subcmd__all)
            opts="-o -h -V --instrument-id --instrument --side --json --output --wide --columns --color --config --state-dir --log-level --read-only --toolsets --yes --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --instrument)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --instrument-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --side)
                    COMPREPLY=($(compgen -W "BUY SELL" -- "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                --columns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --state-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --toolsets)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__order__subcmd__help)
            opts="submit-market submit-limit submit-stop preview cancel modify cancel-all status list help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__order__subcmd__help__subcmd__cancel)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__order__subcmd__help__subcmd__cancel__subcmd__all)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__order__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__order__subcmd__help__subcmd__list)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__order__subcmd__help__subcmd__modify)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__order__subcmd__help__subcmd__preview)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__order__subcmd__help__subcmd__status)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__order__subcmd__help__subcmd__submit__subcmd__limit)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__order__subcmd__help__subcmd__submit__subcmd__market)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__order__subcmd__help__subcmd__submit__subcmd__stop)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__order__subcmd__list)
            opts="-o -h -V --status --venue --instrument-id --instrument --side --strategy-id --limit --detail --cursor --watch --json --output --wide --columns --color --config --state-dir --log-level --read-only --toolsets --yes --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --status)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --venue)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --instrument)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --instrument-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --side)
                    COMPREPLY=($(compgen -W "BUY SELL" -- "${cur}"))
                    return 0
                    ;;
                --strategy-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --limit)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --detail)
                    COMPREPLY=($(compgen -W "summary full" -- "${cur}"))
                    return 0
                    ;;
                --cursor)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --watch)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                --columns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --state-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --toolsets)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__order__subcmd__modify)
            opts="-o -h -V --venue --price --trigger-price --quantity --json --output --wide --columns --color --config --state-dir --log-level --read-only --toolsets --yes --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --venue)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --price)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --trigger-price)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --quantity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                --columns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --state-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --toolsets)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__order__subcmd__preview)
            opts="-o -h -V --type --instrument-id --instrument --side --quantity --venue --reduce-only --client-order-id --order-id --position-id --price --trigger-price --time-in-force --expire-time --post-only --if-touched --stop-loss --take-profit --trailing-offset --trailing-offset-type --limit-offset --json --output --wide --columns --color --config --state-dir --log-level --read-only --toolsets --yes --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --type)
                    COMPREPLY=($(compgen -W "market limit stop" -- "${cur}"))
                    return 0
                    ;;
                --instrument)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --instrument-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --side)
                    COMPREPLY=($(compgen -W "BUY SELL" -- "${cur}"))
                    return 0
                    ;;
                --quantity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --venue)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --order-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-order-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --position-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --price)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --trigger-price)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --time-in-force)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --expire-time)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --stop-loss)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --take-profit)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --trailing-offset)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --trailing-offset-type)
                    COMPREPLY=($(compgen -W "PRICE BASIS_POINTS" -- "${cur}"))
                    return 0
                    ;;
                --limit-offset)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                --columns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --state-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --toolsets)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__order__subcmd__status)
            opts="-o -h -V --venue --json --output --wide --columns --color --config --state-dir --log-level --read-only --toolsets --yes --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --venue)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                --columns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --state-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --toolsets)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__order__subcmd__submit__subcmd__limit)
            opts="-o -h -V --instrument-id --instrument --side --quantity --venue --reduce-only --client-order-id --order-id --position-id --price --time-in-force --expire-time --post-only --stop-loss --take-profit --json --output --wide --columns --color --config --state-dir --log-level --read-only --toolsets --yes --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --instrument)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --instrument-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --side)
                    COMPREPLY=($(compgen -W "BUY SELL" -- "${cur}"))
                    return 0
                    ;;
                --quantity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --venue)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --order-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-order-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --position-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --price)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --time-in-force)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --expire-time)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --stop-loss)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --take-profit)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                --columns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --state-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --toolsets)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__order__subcmd__submit__subcmd__market)
            opts="-o -h -V --instrument-id --instrument --side --quantity --venue --reduce-only --client-order-id --order-id --position-id --time-in-force --stop-loss --take-profit --json --output --wide --columns --color --config --state-dir --log-level --read-only --toolsets --yes --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --instrument)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --instrument-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --side)
                    COMPREPLY=($(compgen -W "BUY SELL" -- "${cur}"))
                    return 0
                    ;;
                --quantity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --venue)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --order-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-order-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --position-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --time-in-force)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --stop-loss)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --take-profit)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                --columns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --state-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --toolsets)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__order__subcmd__submit__subcmd__stop)
            opts="-o -h -V --instrument-id --instrument --side --quantity --venue --reduce-only --client-order-id --order-id --position-id --trigger-price --price --time-in-force --expire-time --if-touched --trailing-offset --trailing-offset-type --limit-offset --json --output --wide --columns --color --config --state-dir --log-level --read-only --toolsets --yes --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --instrument)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --instrument-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --side)
                    COMPREPLY=($(compgen -W "BUY SELL" -- "${cur}"))
                    return 0
                    ;;
                --quantity)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --venue)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --order-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --client-order-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --position-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --trigger-price)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --price)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --time-in-force)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --expire-time)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --trailing-offset)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --trailing-offset-type)
                    COMPREPLY=($(compgen -W "PRICE BASIS_POINTS" -- "${cur}"))
                    return 0
                    ;;
                --limit-offset)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                --columns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --state-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --toolsets)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__position)
            opts="-o -h -V --json --output --wide --columns --color --config --state-dir --log-level --read-only --toolsets --yes --help --version list risk help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --output)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                --columns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --state-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --toolsets)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__position__subcmd__help)
            opts="list risk help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__position__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__position__subcmd__help__subcmd__list)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__position__subcmd__help__subcmd__risk)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__position__subcmd__list)
            opts="-o -h -V --venue --instrument-id --instrument --include-closed --watch --json --output --wide --columns --color --config --state-dir --log-level --read-only --toolsets --yes --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --venue)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --instrument)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --instrument-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --watch)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                --columns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --state-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --toolsets)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__position__subcmd__risk)
            opts="-o -h -V --venue --instrument-id --instrument --json --output --wide --columns --color --config --state-dir --log-level --read-only --toolsets --yes --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --venue)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --instrument)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --instrument-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                --columns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --state-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --toolsets)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__strategy)
            opts="-o -h -V --json --output --wide --columns --color --config --state-dir --log-level --read-only --toolsets --yes --help --version define show validate delete configure step stop list help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --output)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                --columns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --state-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --toolsets)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__strategy__subcmd__configure)
            opts="-o -h -V --strategy-id --strategy --instrument-id --instrument --param --bar-spec --json --output --wide --columns --color --config --state-dir --log-level --read-only --toolsets --yes --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --strategy)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --strategy-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --instrument)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --instrument-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --param)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --bar-spec)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                --columns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --state-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --toolsets)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__strategy__subcmd__define)
            opts="-o -h -V --file --definition --json --output --wide --columns --color --config --state-dir --log-level --read-only --toolsets --yes --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --definition)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                --columns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --state-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --toolsets)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__strategy__subcmd__delete)
            opts="-o -h -V --json --output --wide --columns --color --config --state-dir --log-level --read-only --toolsets --yes --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --output)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                --columns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --state-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --toolsets)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__strategy__subcmd__help)
            opts="define show validate delete configure step stop list help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__strategy__subcmd__help__subcmd__configure)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__strategy__subcmd__help__subcmd__define)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__strategy__subcmd__help__subcmd__delete)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__strategy__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__strategy__subcmd__help__subcmd__list)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__strategy__subcmd__help__subcmd__show)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__strategy__subcmd__help__subcmd__step)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__strategy__subcmd__help__subcmd__stop)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__strategy__subcmd__help__subcmd__validate)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__strategy__subcmd__list)
            opts="-o -h -V --json --output --wide --columns --color --config --state-dir --log-level --read-only --toolsets --yes --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --output)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                --columns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --state-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --toolsets)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__strategy__subcmd__show)
            opts="-o -h -V --strategy-version --json --output --wide --columns --color --config --state-dir --log-level --read-only --toolsets --yes --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --strategy-version)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                --columns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --state-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --toolsets)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__strategy__subcmd__step)
            opts="-o -h -V --instance-id --json --output --wide --columns --color --config --state-dir --log-level --read-only --toolsets --yes --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --instance-id)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                --columns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --state-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --toolsets)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__strategy__subcmd__stop)
            opts="-o -h -V --close-position --json --output --wide --columns --color --config --state-dir --log-level --read-only --toolsets --yes --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --output)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                --columns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --state-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --toolsets)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__strategy__subcmd__validate)
            opts="-o -h -V --file --definition --param --bars --max-orders --instruments --instrument --start-date --start --end-date --end --capital --data-source --data --bar-spec --oms-type --account-type --base-currency --leverage --fee-model --commission --fill-model --prob-fill-on-limit --prob-slippage --fill-seed --json --output --wide --columns --color --config --state-dir --log-level --read-only --toolsets --yes --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --file)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --definition)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --param)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --bars)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --max-orders)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --instrument)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --instruments)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --start)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --start-date)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --end)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --end-date)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --capital)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --data-source)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --data)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --bar-spec)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --oms-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --account-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --base-currency)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --leverage)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --fee-model)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --commission)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --fill-model)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --prob-fill-on-limit)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --prob-slippage)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --fill-seed)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                --columns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --state-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --toolsets)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__token)
            opts="-o -h -V --json --output --wide --columns --color --config --state-dir --log-level --read-only --toolsets --yes --help --version create list revoke help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --output)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                --columns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --state-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --toolsets)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__token__subcmd__create)
            opts="-o -h -V --scope --name --json --output --wide --columns --color --config --state-dir --log-level --read-only --toolsets --yes --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --scope)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --name)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                --columns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --state-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --toolsets)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__token__subcmd__help)
            opts="create list revoke help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__token__subcmd__help__subcmd__create)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__token__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__token__subcmd__help__subcmd__list)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__token__subcmd__help__subcmd__revoke)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__token__subcmd__list)
            opts="-o -h -V --json --output --wide --columns --color --config --state-dir --log-level --read-only --toolsets --yes --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --output)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                --columns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --state-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --toolsets)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__token__subcmd__revoke)
            opts="-o -h -V --json --output --wide --columns --color --config --state-dir --log-level --read-only --toolsets --yes --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --output)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                --columns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --state-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --toolsets)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__venue)
            opts="-o -h -V --json --output --wide --columns --color --config --state-dir --log-level --read-only --toolsets --yes --help --version connect help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 2 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --output)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                --columns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --state-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --toolsets)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__venue__subcmd__connect)
            opts="-o -h -V --mode --balance --account-type --oms-type --leverage --maker-fee --taker-fee --book-type --reset --json --output --wide --columns --color --config --state-dir --log-level --read-only --toolsets --yes --help --version"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                --mode)
                    COMPREPLY=($(compgen -W "paper testnet live" -- "${cur}"))
                    return 0
                    ;;
                --balance)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --account-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --oms-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --leverage)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --maker-fee)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --taker-fee)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --book-type)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --output)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                -o)
                    COMPREPLY=($(compgen -W "table json csv tsv" -- "${cur}"))
                    return 0
                    ;;
                --columns)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --color)
                    COMPREPLY=($(compgen -W "auto always never" -- "${cur}"))
                    return 0
                    ;;
                --config)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --state-dir)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --log-level)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                --toolsets)
                    COMPREPLY=($(compgen -f "${cur}"))
                    return 0
                    ;;
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__venue__subcmd__help)
            opts="connect help"
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 3 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__venue__subcmd__help__subcmd__connect)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
        nautilus__subcmd__mcp__subcmd__venue__subcmd__help__subcmd__help)
            opts=""
            if [[ ${cur} == -* || ${COMP_CWORD} -eq 4 ]] ; then
                COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
                return 0
            fi
            case "${prev}" in
                *)
                    COMPREPLY=()
                    ;;
            esac
            COMPREPLY=( $(compgen -W "${opts}" -- "${cur}") )
            return 0
            ;;
    esac
}

if [[ "${BASH_VERSINFO[0]}" -eq 4 && "${BASH_VERSINFO[1]}" -ge 4 || "${BASH_VERSINFO[0]}" -gt 4 ]]; then
    complete -F _nautilus__mcp -o nosort -o bashdefault -o default nautilus-mcp
else
    complete -F _nautilus__mcp -o bashdefault -o default nautilus-mcp
fi
