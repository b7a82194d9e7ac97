# fish completion for cybernode. Install it with:
#   cybernode completion fish > ~/.config/fish/completions/cybernode.fish
# It asks cybernode itself (System.CommandLine's [suggest:POSITION] directive) what fits at the
# cursor, so it always matches the installed version; file names where a path is expected.
function __cybernode_complete
    set -l tokens (commandline -opc)
    set -l current (commandline -ct)
    set -l line (string join ' ' -- cybernode $tokens[2..] "$current")
    set -l found
    set -l options
    for word in ($tokens[1] "[suggest:"(string length -- "$line")"]" "$line" 2>/dev/null)
        if test -z "$word"; or test "$word" = '-?'; or string match -q -- '/*' "$word"
            continue
        else if string match -q -- '-*' "$word"
            set -a options $word
        else
            set -a found $word
        end
    end

    if string match -q -- '-*' "$current"
        printf '%s\n' $options
    else if set -q found[1]
        printf '%s\n' $found
    else
        __fish_complete_path "$current"
    end
end
complete -c cybernode -f -a '(__cybernode_complete)'
